namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Something a rule does when its alarm is raised: <see cref="SetOutputAction"/>, <see cref="WritePointAction"/>,
/// <see cref="GateModeAction"/>, <see cref="PublishAction"/>, <see cref="NoticeAction"/> or
/// <see cref="NotifyDistrictAction"/> or <see cref="ResetAlarmAction"/>.
/// The set is closed; the engine turns each into commands that the host routes to devices.
/// </summary>
public abstract record RuleAction
{
    private protected RuleAction()
    {
    }
}
