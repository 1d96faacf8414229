using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The console's account store and login throttle on their own, with real files and a fake clock.</summary>
public sealed class ConsoleSecurityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-console-account-").FullName;

    [Fact]
    public void SetupCode_WorksOnce()
    {
        var store = new ConsoleAccountStore(_directory);
        var code = store.CreateSetupCode();

        var first = store.CompleteSetup(code, "admin", "first-password-1");
        var second = store.CompleteSetup(code, "intruder", "second-password-2");

        Assert.Equal(SetupResult.Created, first);
        Assert.Equal(SetupResult.AlreadyUsed, second);
        Assert.NotNull(store.Verify("admin", "first-password-1"));
        Assert.Null(store.Verify("intruder", "second-password-2"));
        Assert.Empty(Directory.GetFiles(store.Folder, "setup-code*"));
    }

    [Fact]
    public void SetupCode_WrongCodeCreatesNoAccount()
    {
        var store = new ConsoleAccountStore(_directory);
        var code = store.CreateSetupCode();
        var wrong = code[..^1] + (code[^1] == '0' ? '1' : '0');

        Assert.Equal(SetupResult.WrongCode, store.CompleteSetup(wrong, "admin", "some-password-1"));
        Assert.False(store.HasAccount);
        Assert.Equal(SetupResult.Created, store.CompleteSetup(code, "admin", "some-password-1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("fullwidth")]
    public void SetupCode_AcceptedWithoutDashes(string separator)
    {
        var store = new ConsoleAccountStore(_directory);
        var code = store.CreateSetupCode();
        var typed = code.Replace("-", separator, StringComparison.Ordinal);
        if (separator == "fullwidth")
        {
            // A Chinese input method types full-width digits and dashes (U+FF10 to U+FF19, U+FF0D).
            typed = string.Concat(code.Select(character => character == '-' ? '\uFF0D' : (char)(character - '0' + '\uFF10')));
        }

        Assert.Equal(SetupResult.Created, store.CompleteSetup(typed, "admin", "some-password-1"));
        Assert.True(store.HasAccount);
    }

    [Fact]
    public void SetupCode_MissingFileIsNotWrongCode()
    {
        var store = new ConsoleAccountStore(_directory);
        var code = store.CreateSetupCode();
        File.Delete(Directory.GetFiles(store.Folder, "setup-code*").Single());

        Assert.Equal(SetupResult.NoCode, store.CompleteSetup(code, "admin", "some-password-1"));
    }

    [Fact]
    public void SetupCode_StoredOnlyAsHash()
    {
        var store = new ConsoleAccountStore(_directory);
        var code = store.CreateSetupCode();

        var stored = File.ReadAllText(Directory.GetFiles(store.Folder, "setup-code*").Single());

        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), stored, StringComparison.Ordinal);
        Assert.True(CampusPasswordHash.Verify(stored, System.Text.Encoding.UTF8.GetBytes(code)));
    }

    [Fact]
    public void ChangePassword_NeedsCurrentAndSurvivesRestart()
    {
        var store = new ConsoleAccountStore(_directory);
        Assert.Equal(SetupResult.Created, store.CompleteSetup(store.CreateSetupCode(), "admin", "first-password-1"));

        Assert.Null(store.TryChangePassword("admin", "wrong-password-1", "second-password-2"));
        Assert.Null(store.TryChangePassword("someone", "first-password-1", "second-password-2"));
        Assert.NotNull(store.Verify("admin", "first-password-1"));
        Assert.NotNull(store.TryChangePassword("admin", "first-password-1", "second-password-2"));

        var reopened = new ConsoleAccountStore(_directory);
        Assert.Null(reopened.Verify("admin", "first-password-1"));
        Assert.NotNull(reopened.Verify("admin", "second-password-2"));
        Assert.DoesNotContain("second-password-2", File.ReadAllText(Path.Combine(store.Folder, ConsoleAccountStore.AccountsFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Password_HashedWithPbkdf2AndSurvivesRestart()
    {
        var store = new ConsoleAccountStore(_directory);
        Assert.Equal(SetupResult.Created, store.CompleteSetup(store.CreateSetupCode(), "admin", "pump-room-key-42"));

        var file = File.ReadAllText(Path.Combine(store.Folder, ConsoleAccountStore.AccountsFileName));
        var reopened = new ConsoleAccountStore(_directory);

        Assert.DoesNotContain("pump-room-key-42", file, StringComparison.Ordinal);
        Assert.Matches("pbkdf2-sha256\\$(\\d+)\\$", file);
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(file, "pbkdf2-sha256\\$(\\d+)\\$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 100_000);
        Assert.True(reopened.HasAccount);
        Assert.NotNull(reopened.Verify("admin", "pump-room-key-42"));
        Assert.Null(reopened.Verify("admin", "pump-room-key-43"));
        Assert.Null(reopened.Verify("Admin", "pump-room-key-42"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Folder, ConsoleAccountStore.AccountsFileName)));
        }
    }

    [Fact]
    public void Throttle_BurstLocksOut()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(clock);

        var lockouts = Enumerable.Range(0, LoginThrottle.MaxFailures).Select(_ => throttle.RecordFailure("10.0.0.9")).ToList();

        Assert.All(lockouts.Take(LoginThrottle.MaxFailures - 1), Assert.Null);
        Assert.Equal(LoginThrottle.Lockout, lockouts[^1]);
        Assert.Equal(LoginThrottle.Lockout, throttle.LockedFor("10.0.0.9"));
        Assert.Null(throttle.LockedFor("10.0.0.10"));

        clock.Advance(LoginThrottle.Lockout - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.LockedFor("10.0.0.9"));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.LockedFor("10.0.0.9"));
        Assert.Null(throttle.RecordFailure("10.0.0.9"));
    }

    [Fact]
    public void Throttle_ForgetsFailuresOutsideWindow()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(clock);

        for (var attempt = 0; attempt < LoginThrottle.MaxFailures - 1; attempt++)
        {
            Assert.Null(throttle.RecordFailure("10.0.0.9"));
        }

        clock.Advance(LoginThrottle.Window + TimeSpan.FromSeconds(1));

        Assert.Null(throttle.RecordFailure("10.0.0.9"));
        Assert.Null(throttle.LockedFor("10.0.0.9"));
    }

    [Fact]
    public void Throttle_SuccessClearsCount()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider());
        for (var attempt = 0; attempt < LoginThrottle.MaxFailures - 1; attempt++)
        {
            throttle.RecordFailure("10.0.0.9");
        }

        throttle.RecordSuccess("10.0.0.9");

        Assert.Null(throttle.RecordFailure("10.0.0.9"));
    }

    [Theory]
    [InlineData("short", "short", "PasswordTooShort")]
    [InlineData("long-enough-1", "long-enough-2", "PasswordMismatch")]
    [InlineData("long-enough-1", "long-enough-1", null)]
    public void PasswordPolicy_Check(string password, string repeated, string? expected) =>
        Assert.Equal(expected, ConsolePasswordPolicy.Check(password, repeated));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
