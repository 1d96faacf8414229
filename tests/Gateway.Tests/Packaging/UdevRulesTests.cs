using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>
/// The RS485 udev rules run by the real udev (<c>udevadm test</c>) against an existing tty device that a test rule
/// dresses up as a USB adapter. udevadm runs in a mount namespace of its own, with empty /dev and /run and only
/// these rules, because systemd 252's <c>udevadm test</c> applies permissions and creates links in /dev.
/// </summary>
public sealed partial class UdevRulesTests : IDisposable
{
    private const string Udevadm = "/usr/bin/udevadm";

    /// <summary>Values of the examples in 61-smartcampus-rs485-names.rules, which the test turns on.</summary>
    private const string ExampleSerial = "A10K3XYZ";

    private const string ExamplePath = "platform-fd500000.pcie-pci-0000:01:00.0-usb-0:1.3:1.0";

    /// <summary>
    /// Mounts fresh /run and /dev, puts the rules folder ($1) over /etc/udev/rules.d and an empty one ($2) over the
    /// packaged rules, and runs udevadm on the device ($3). The mounts end with the namespace.
    /// </summary>
    private const string Script = """
        set -e
        mount -t tmpfs tmpfs /run
        mount -t tmpfs tmpfs /dev
        mount --bind "$1" /etc/udev/rules.d
        mount --bind "$2" /usr/lib/udev/rules.d
        exec /usr/bin/udevadm test --action=add "$3"
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-udev-").FullName;

    [Fact]
    public async Task Ftdi_GetsSerialPathAndShortLinks()
    {
        var run = await RunAsync(UsbAdapter("0403", "6001", ExampleSerial, "00", ExamplePath));

        Assert.Contains("SMARTCAMPUS_RS485=ftdi", run, StringComparison.Ordinal);
        Assert.Equal(
            ["/dev/rs485-0", "/dev/rs485-1", $"/dev/rs485/by-path/{PathTag(ExamplePath)}", $"/dev/rs485/by-serial/ftdi-{ExampleSerial}-if00"],
            Links(run));
        Assert.Matches(@"60-smartcampus-rs485\.rules:\d+ GROUP \d+", run);
        Assert.Matches(@"60-smartcampus-rs485\.rules:\d+ MODE 0660", run);
    }

    [Fact]
    public async Task Ch340WithoutSerial_GetsPathLinksOnly()
    {
        var run = await RunAsync(UsbAdapter("1a86", "7523", serial: null, "00", ExamplePath));

        Assert.Contains("SMARTCAMPUS_RS485=wch", run, StringComparison.Ordinal);
        Assert.Equal(["/dev/rs485-1", $"/dev/rs485/by-path/{PathTag(ExamplePath)}"], Links(run));
    }

    [Fact]
    public async Task Cp2105SecondPort_LinkNamesInterface()
    {
        var run = await RunAsync(UsbAdapter("10c4", "ea70", "0123ABCD", "01", "platform-usb-0:1.2:1.1"));

        Assert.Contains("SMARTCAMPUS_RS485=cp210x", run, StringComparison.Ordinal);
        Assert.Contains("/dev/rs485/by-serial/cp210x-0123ABCD-if01", Links(run));
        Assert.DoesNotContain("/dev/rs485-0", Links(run));
    }

    [Theory]
    [InlineData("ENV{ID_BUS}=\"usb\", ENV{ID_VENDOR_ID}=\"067b\", ENV{ID_MODEL_ID}=\"2303\", ENV{ID_SERIAL_SHORT}=\"A10K3XYZ\"")]
    [InlineData("ENV{ID_BUS}=\"pci\", ENV{ID_VENDOR_ID}=\"0403\", ENV{ID_MODEL_ID}=\"6001\", ENV{ID_SERIAL_SHORT}=\"A10K3XYZ\"")]
    public async Task OtherSerialPort_Untouched(string properties)
    {
        var run = await RunAsync(properties);

        Assert.DoesNotContain("SMARTCAMPUS_RS485", run, StringComparison.Ordinal);
        Assert.Empty(Links(run));
        Assert.DoesNotMatch(@"smartcampus-rs485\.rules:\d+ (GROUP|MODE)", run);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Properties udev's usb_id and path_id builtins would set for an adapter, as an ENV assignment list.</summary>
    private static string UsbAdapter(string vendor, string model, string? serial, string interfaceNumber, string path)
    {
        var properties = $"ENV{{ID_BUS}}=\"usb\", ENV{{ID_VENDOR_ID}}=\"{vendor}\", ENV{{ID_MODEL_ID}}=\"{model}\", ENV{{ID_USB_INTERFACE_NUM}}=\"{interfaceNumber}\", ENV{{ID_PATH}}=\"{path}\", ENV{{ID_PATH_TAG}}=\"{PathTag(path)}\"";
        return serial is null ? properties : properties + $", ENV{{ID_SERIAL_SHORT}}=\"{serial}\"";
    }

    /// <summary>ID_PATH as udev's path_id turns it into ID_PATH_TAG: each run of characters other than letters, digits and '-' becomes one '_'.</summary>
    private static string PathTag(string path) => PathTagPattern().Replace(path, "_").Trim('_');

    /// <summary>
    /// Runs the packaged rules, the names file with its examples turned on, and a first rule that gives the device
    /// <paramref name="properties"/>. Fails on any problem udev reports in the packaged files.
    /// </summary>
    private async Task<string> RunAsync(string properties)
    {
        Assert.True(File.Exists(Udevadm), $"{Udevadm} is missing: apt-get install udev");
        var device = TtyDevice();
        var rules = Directory.CreateDirectory(Path.Combine(_directory, "rules")).FullName;
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;
        var source = Path.Combine(Configuration.RepositoryRoot.Path, "hardware", "udev");

        File.Copy(Path.Combine(source, "60-smartcampus-rs485.rules"), Path.Combine(rules, "60-smartcampus-rs485.rules"), overwrite: true);
        var names = await File.ReadAllLinesAsync(Path.Combine(source, "61-smartcampus-rs485-names.rules"));
        var examples = names.Select(line => line.StartsWith("# ENV{", StringComparison.Ordinal) ? line[2..] : line).ToList();
        Assert.Equal(2, examples.Count(line => line.StartsWith("ENV{", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(Path.Combine(rules, "61-smartcampus-rs485-names.rules"), examples);
        await File.WriteAllTextAsync(Path.Combine(rules, "00-test-adapter.rules"), $"SUBSYSTEM==\"tty\", KERNEL==\"{Path.GetFileName(device)}\", {properties}\n");

        // With --map-root-user the namespace works for an unprivileged user too, where the kernel allows user namespaces.
        var run = await ScriptRun.RunAsync("unshare", ["--map-root-user", "--mount", "sh", "-c", Script, "udev-test", rules, empty, device], null, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, $"udevadm test failed with exit code {run.ExitCode}:\n{run.Output}");
        Assert.Contains("Reading rules file: /etc/udev/rules.d/60-smartcampus-rs485.rules", run.Output, StringComparison.Ordinal);
        Assert.Contains("Reading rules file: /etc/udev/rules.d/61-smartcampus-rs485-names.rules", run.Output, StringComparison.Ordinal);

        // udev reports a rule it cannot parse, an unknown group or a dangling GOTO on a line that starts with the file name.
        var problems = run.Output.Split('\n').Where(line => line.StartsWith("/etc/udev/rules.d/", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "udev reported problems in the rules:\n" + string.Join('\n', problems));
        return run.Output;
    }

    /// <summary>A tty that exists in this machine's sysfs; the test rule dresses it up as the adapter.</summary>
    private static string TtyDevice()
    {
        const string preferred = "/sys/class/tty/tty0";
        if (Directory.Exists(preferred))
        {
            return preferred;
        }

        return Directory.GetDirectories("/sys/class/tty").Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("No tty device in /sys/class/tty for udevadm test.");
    }

    private static List<string> Links(string output) =>
        LinksPattern().Match(output) is { Success: true } match
            ? [.. match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)]
            : [];

    [GeneratedRegex("^DEVLINKS=(.*)$", RegexOptions.Multiline)]
    private static partial Regex LinksPattern();

    [GeneratedRegex("[^A-Za-z0-9-]+")]
    private static partial Regex PathTagPattern();
}
