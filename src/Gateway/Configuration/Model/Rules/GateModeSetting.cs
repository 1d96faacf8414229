namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Mode a rule puts a gate in, as written in the file: controlled, holdOpen or locked.</summary>
public enum GateModeSetting
{
    Controlled,
    HoldOpen,
    Locked,
}
