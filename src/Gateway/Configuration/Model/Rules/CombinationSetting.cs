namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>How a combination joins its rules, as written in <c>kind</c>.</summary>
public enum CombinationSetting
{
    All,
    Any,
    Not,
}
