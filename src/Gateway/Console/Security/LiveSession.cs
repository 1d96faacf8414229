using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Watches the session of a long request (a server-sent event stream) while it runs. The cookie check happens once,
/// when the stream opens; this check repeats it every <see cref="CheckPeriod"/> and cancels <see cref="Token"/> once
/// the session has ended: logout, expiry, a password change or reset, a disabled, demoted or deleted account.
/// </summary>
internal sealed class LiveSession : IDisposable
{
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Event a stream sends before it closes on a session end; the page then goes to the login page.</summary>
    public const string EndedEvent = "session-ended";

    private readonly HttpContext _context;
    private readonly ConsoleAccountStore _accounts;
    private readonly EndedSessions _endedSessions;
    private readonly TimeProvider _timeProvider;
    private readonly DateTimeOffset? _expires;
    private readonly CancellationTokenSource _ended;
    private readonly ITimer _timer;
    private int _sessionEnded;

    private LiveSession(HttpContext context, CancellationToken requestEnded)
    {
        _context = context;
        _accounts = context.RequestServices.GetRequiredService<ConsoleAccountStore>();
        _endedSessions = context.RequestServices.GetRequiredService<EndedSessions>();
        _timeProvider = context.RequestServices.GetRequiredService<TimeProvider>();
        _expires = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        _ended = CancellationTokenSource.CreateLinkedTokenSource(requestEnded);
        _timer = _timeProvider.CreateTimer(_ => Check(), null, CheckPeriod, CheckPeriod);
    }

    /// <summary>Cancelled when the request ends (<c>requestEnded</c>) or the session does.</summary>
    public CancellationToken Token => _ended.Token;

    /// <summary>True once the session has ended, as opposed to the browser leaving or the console stopping.</summary>
    public bool SessionEnded => Volatile.Read(ref _sessionEnded) == 1;

    public static LiveSession Watch(HttpContext context, CancellationToken requestEnded) => new(context, requestEnded);

    /// <summary>Tells the page its session ended, so it goes to the login page instead of reconnecting.</summary>
    public static async Task SendEndedAsync(HttpContext context)
    {
        try
        {
            await context.Response.WriteAsync($"event: {EndedEvent}\ndata: {{\"login\":\"/login\"}}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The browser left at the same moment.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _ended.Dispose();
    }

    private void Check()
    {
        if (IsValid())
        {
            return;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _sessionEnded, 1);
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended on its own at the same moment.
        }
    }

    private bool IsValid()
    {
        var user = _context.User;
        if (_expires is { } expires && _timeProvider.GetUtcNow() >= expires)
        {
            return false;
        }

        if (_endedSessions.IsEnded(user.FindFirst(ConsoleSessions.SessionIdClaim)?.Value))
        {
            return false;
        }

        var account = _accounts.FindSession(user.Identity?.Name, user.FindFirst(ConsoleSessions.StampClaim)?.Value);
        return account is not null && user.IsInRole(account.Role);
    }
}
