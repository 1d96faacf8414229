namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>Outcome of an administrator's change to a console account.</summary>
internal enum AccountChangeResult
{
    Done,
    NotFound,
    AlreadyExists,
    InvalidUsername,
    InvalidRole,

    /// <summary>The change would leave no enabled administrator, and then no account could manage accounts or apply a configuration.</summary>
    LastAdministrator,
}
