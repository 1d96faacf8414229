using System.Globalization;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Warnings;
using SmartCampus.Edge.Gateway.Tests.Rules;

namespace SmartCampus.Edge.Gateway.Tests.Configuration.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretFileCheckTests : IDisposable
{
    private const string Password = "district-pw-5c1e";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-secrets-").FullName;

    [Theory]
    [InlineData("en", "group or others may read or write this secret file (mode 644)")]
    [InlineData("zh-CN", "同组用户或其他用户可读取或写入此保密文件（权限 644）")]
    public void Check_WarnsOnReadablePasswordFile(string language, string warning)
    {
        var (configuration, passwordFile) = WriteCampus(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(configuration), language, output);

        Assert.Equal(0, exitCode);
        var report = output.ToString();
        Assert.Contains($"district.passwordFile = {passwordFile}", report, StringComparison.Ordinal);
        Assert.Contains(warning, report, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {passwordFile}", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, report, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WarnsOnGroupWritableFile()
    {
        // A user who can write the file can replace the password or key without reading it.
        var (configuration, passwordFile) = WriteCampus(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);
        var output = new StringWriter();

        CheckCommand.Execute(new FileInfo(configuration), "en", output);

        var report = output.ToString();
        Assert.Contains("(mode 620)", report, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {passwordFile}", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_QuietOnOwnerOnlyFile()
    {
        var (configuration, _) = WriteCampus(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var output = new StringWriter();

        CheckCommand.Execute(new FileInfo(configuration), "en", output);

        Assert.DoesNotContain("secret file", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartLog_LogsKeyAndPathWithoutContent()
    {
        var (configuration, passwordFile) = WriteCampus(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var result = SiteConfigurationLoader.Load(configuration, CultureInfo.GetCultureInfo("en"));
        var logger = new EventLogger();

        ConfigurationWarnings.WriteTo(logger, result);

        var message = Assert.Single(logger.MessagesOf(1104));
        var line = File.ReadAllLines(configuration).ToList().FindIndex(text => text.Contains("passwordFile:", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"{configuration}:{line}:17 district.passwordFile: ", message, StringComparison.Ordinal);
        Assert.Contains(passwordFile, message, StringComparison.Ordinal);
        Assert.Contains("mode 640", message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {passwordFile}", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes the demo campus with <c>district.passwordFile</c> pointing at a password file of the given mode.</summary>
    private (string Configuration, string PasswordFile) WriteCampus(UnixFileMode mode)
    {
        var passwordFile = Path.Combine(_directory, "district-password");
        File.WriteAllText(passwordFile, Password + "\n");
        File.SetUnixFileMode(passwordFile, mode);

        var demo = File.ReadAllText(RepositoryRoot.DemoConfiguration);
        var campus = demo.Replace("  clientId: demo-school-gw-01\n", $"  clientId: demo-school-gw-01\n  username: gw-01\n  passwordFile: {passwordFile}\n", StringComparison.Ordinal);
        Assert.NotEqual(demo, campus);
        var configuration = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(configuration, campus);
        return (configuration, passwordFile);
    }
}
