namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Sends the raise and the clear to the district at once (<c>notifyDistrict: true</c>).</summary>
public sealed record NotifyDistrictActionConfiguration : RuleActionConfiguration;
