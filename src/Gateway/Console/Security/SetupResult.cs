namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>Outcome of entering the first-start setup code.</summary>
internal enum SetupResult
{
    /// <summary>The code matched; the first administrator exists and the code is deleted.</summary>
    Created,

    /// <summary>A code is waiting but the one entered does not match it.</summary>
    WrongCode,

    /// <summary>The code was used: an account exists, so setup is over.</summary>
    AlreadyUsed,

    /// <summary>No code is waiting and no account exists, for example after the code file was deleted; a restart makes a new one.</summary>
    NoCode,
}
