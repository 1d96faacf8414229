using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>Named console accounts in the store, with real files and a fake clock, and the command line's password reset.</summary>
public sealed class ConsoleAccountStoreTests : IDisposable
{
    private const string AdminPassword = "first-password-1";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-console-accounts-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Setup_CreatesAdministrator()
    {
        var store = SetUp();

        var admin = Assert.Single(store.List());

        Assert.Equal("admin", admin.Username);
        Assert.Equal(ConsoleRoles.Administrator, admin.Role);
        Assert.False(admin.MustChangePassword);
    }

    [Fact]
    public void Add_TechnicianCodeThenPassword()
    {
        var store = SetUp();

        Assert.Equal(AccountChangeResult.Done, store.Add("lin", ConsoleRoles.Technician, out var code));
        Assert.Matches(@"^\d{4}-\d{4}-\d{4}$", code);

        var withCode = store.Verify("lin", code);
        Assert.NotNull(withCode);
        Assert.True(withCode.MustChangePassword);
        Assert.Equal(ConsoleRoles.Technician, withCode.Role);
        Assert.NotNull(store.Verify("lin", code.Replace("-", " - ", StringComparison.Ordinal)));

        var changed = store.TryChangePassword("lin", code, "lins-own-password");
        Assert.NotNull(changed);
        Assert.False(changed.MustChangePassword);
        Assert.Null(store.Verify("lin", code));
        Assert.NotNull(store.Verify("lin", "lins-own-password"));
        Assert.DoesNotContain(code, File.ReadAllText(store.AccountsPath), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", ConsoleRoles.Technician, "AlreadyExists")]
    [InlineData("lin wang", ConsoleRoles.Technician, "InvalidUsername")]
    [InlineData("lin", "root", "InvalidRole")]
    public void Add_Rejected(string username, string role, string expected)
    {
        var store = SetUp();

        Assert.Equal(expected, store.Add(username, role, out var code).ToString());
        Assert.Empty(code);
        Assert.Single(store.List());
    }

    [Fact]
    public void OneTimeCode_ExpiresAfterLifetime()
    {
        var store = SetUp();
        store.Add("lin", ConsoleRoles.Technician, out var code);

        _clock.Advance(ConsoleAccountStore.OneTimeCodeLifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Verify("lin", code));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(store.Verify("lin", code));
        Assert.Null(store.TryChangePassword("lin", code, "too-late-password"));
    }

    [Fact]
    public void LastAdministrator_CannotBeDisabledOrDeleted()
    {
        var store = SetUp();
        store.Add("lin", ConsoleRoles.Technician, out _);

        Assert.Equal(AccountChangeResult.LastAdministrator, store.SetDisabled("admin", disabled: true));
        Assert.Equal(AccountChangeResult.LastAdministrator, store.Delete("admin"));
        Assert.NotNull(store.Verify("admin", AdminPassword));

        store.Add("wang", ConsoleRoles.Administrator, out _);
        Assert.Equal(AccountChangeResult.Done, store.SetDisabled("admin", disabled: true));
        Assert.Equal(AccountChangeResult.LastAdministrator, store.Delete("wang"));
        Assert.Equal(AccountChangeResult.Done, store.Delete("lin"));
        Assert.Equal(AccountChangeResult.NotFound, store.Delete("lin"));
    }

    [Fact]
    public void Disable_RejectsLoginAndEndsSessions()
    {
        var store = SetUp();
        store.Add("lin", ConsoleRoles.Technician, out var code);
        var lin = store.TryChangePassword("lin", code, "lins-own-password")!;
        Assert.NotNull(store.FindSession("lin", lin.SessionStamp));

        Assert.Equal(AccountChangeResult.Done, store.SetDisabled("lin", disabled: true));

        Assert.Null(store.Verify("lin", "lins-own-password"));
        Assert.Null(store.FindSession("lin", lin.SessionStamp));
        Assert.Equal(AccountChangeResult.Done, store.SetDisabled("lin", disabled: false));
        Assert.NotNull(store.Verify("lin", "lins-own-password"));
        Assert.Null(store.FindSession("lin", lin.SessionStamp));
    }

    [Fact]
    public void PasswordChange_ReplacesSessionStamp()
    {
        var store = SetUp();
        var before = store.Verify("admin", AdminPassword)!;

        var after = store.TryChangePassword("admin", AdminPassword, "second-password-2")!;

        Assert.NotEqual(before.SessionStamp, after.SessionStamp);
        Assert.Null(store.FindSession("admin", before.SessionStamp));
        Assert.NotNull(store.FindSession("admin", after.SessionStamp));
        Assert.Null(store.FindSession("admin", null));
    }

    [Fact]
    public void Reload_SeesChangeByAnotherProcess()
    {
        var gateway = SetUp();
        var session = gateway.Verify("admin", AdminPassword)!;
        var commandLine = new ConsoleAccountStore(_directory, _clock);

        Assert.Equal(AccountChangeResult.Done, commandLine.ResetPassword("admin", out var code));

        Assert.Null(gateway.FindSession("admin", session.SessionStamp));
        Assert.Null(gateway.Verify("admin", AdminPassword));
        Assert.True(gateway.Verify("admin", code)?.MustChangePassword);
    }

    [Fact]
    public void LegacyAccount_BecomesAdministrator()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, ConsoleAccountStore.FolderName)).FullName;
        var legacy = Path.Combine(folder, "account.json");
        File.WriteAllText(legacy, JsonSerializer.Serialize(new { Username = "old-admin", PasswordHash = CampusPasswordHash.Create("legacy-password-1") }));

        var store = new ConsoleAccountStore(_directory, _clock);

        var account = Assert.Single(store.List());
        Assert.Equal(ConsoleRoles.Administrator, account.Role);
        Assert.NotNull(store.Verify("old-admin", "legacy-password-1"));
        Assert.False(File.Exists(legacy));
        Assert.NotNull(new ConsoleAccountStore(_directory, _clock).Verify("old-admin", "legacy-password-1"));
    }

    [Fact]
    public void CommandLineReset_PrintsCodeThatLogsIn()
    {
        var store = SetUp();
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = ConsoleAccountCommands.ResetPassword(_directory, "admin", output, error, _clock);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        var code = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"\d{4}-\d{4}-\d{4}").Value;
        Assert.True(store.Verify("admin", code)?.MustChangePassword, output.ToString());
        Assert.Null(store.Verify("admin", AdminPassword));
    }

    [Fact]
    public void CommandLineReset_UnknownUserOrNoAccounts()
    {
        var empty = Directory.CreateTempSubdirectory("smartcampus-console-empty-").FullName;
        try
        {
            var error = new StringWriter();
            Assert.Equal(ExitCodes.Unavailable, ConsoleAccountCommands.ResetPassword(empty, "admin", TextWriter.Null, error, _clock));
            Assert.False(Directory.Exists(Path.Combine(empty, ConsoleAccountStore.FolderName)), "The command created the console folder.");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }

        SetUp();
        var unknown = new StringWriter();
        Assert.Equal(ExitCodes.InvalidConfiguration, ConsoleAccountCommands.ResetPassword(_directory, "nobody", TextWriter.Null, unknown, _clock));
        Assert.Contains("admin", unknown.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConsoleAccountStore SetUp()
    {
        var store = new ConsoleAccountStore(_directory, _clock);
        Assert.Equal(SetupResult.Created, store.CompleteSetup(store.CreateSetupCode(), "admin", AdminPassword));
        return store;
    }
}
