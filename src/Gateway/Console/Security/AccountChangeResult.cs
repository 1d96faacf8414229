namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>Outcome of an administrator's change to a console account.</summary>
internal enum AccountChangeResult
{
    Done,
    NotFound,
    AlreadyExists,
    InvalidUsername,
    InvalidRole,

    /// <summary>The change would leave no enabled administrator, so nobody could manage accounts or apply configuration.</summary>
    LastAdministrator,
}
