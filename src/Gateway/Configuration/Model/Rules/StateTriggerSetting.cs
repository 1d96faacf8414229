namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>What a state rule reacts to: <c>equals</c>, <c>changes: true</c>, <c>edge: rising</c> or <c>edge: falling</c>.</summary>
public enum StateTriggerSetting
{
    EqualTo,
    Changes,
    Rising,
    Falling,
}
