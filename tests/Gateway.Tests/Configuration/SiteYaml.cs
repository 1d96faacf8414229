using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>A small valid campus.yaml and helpers that break it in one place and find the broken line.</summary>
internal static class SiteYaml
{
    /// <summary>The sections every test site shares: school, gateway, an embedded campus broker and a district host.</summary>
    public const string Header = """
        school:
          id: test-school
          name: 测试小学
        gateway:
          id: gw-01
          dataDirectory: ./data
        campusBroker:
          mode: embedded
          host: 127.0.0.1
          port: 18830
          username: gateway
          password: test-broker-secret
        district:
          host: 127.0.0.1
        """;

    public const string Valid = Header + "\n" + """
        devices:
          - id: air
            kind: modbus-tcp
            host: 127.0.0.1
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
              - id: siren
                direction: output
                pin: 27
                safeState: false
          - id: board-1
            kind: class-board
            password: test-board-secret
        rules:
          - id: co2-high
            kind: threshold
            point: air.co2
            above: 1500
            clearBelow: 1200
            severity: warning
          - id: fire
            kind: input
            point: panel.smoke
            equals: true
            severity: critical
            actions:
              - setOutput: panel.siren
                value: true
              - notice: board-1
                text:
                  zh-CN: 火警
                  en: Fire
        """;

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Returns <see cref="Valid"/> with the single occurrence of <paramref name="original"/> replaced.</summary>
    public static string With(string original, string replacement) => Replace(Valid, original, replacement);

    public static string Replace(string text, string original, string replacement)
    {
        var first = text.IndexOf(original, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{original}' is not in the test YAML.");
        Assert.True(text.IndexOf(original, first + 1, StringComparison.Ordinal) < 0, $"'{original}' occurs twice in the test YAML.");
        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + original.Length));
    }

    /// <summary>Returns the 1-based line that contains <paramref name="fragment"/>, which must occur once.</summary>
    public static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        var matches = Enumerable.Range(0, lines.Length).Where(index => lines[index].Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"'{fragment}' occurs on {matches.Count} lines of the test YAML.");
        return matches[0] + 1;
    }

    /// <summary>Returns the 1-based column where <paramref name="fragment"/> starts on its line.</summary>
    public static int ColumnOf(string text, string fragment)
    {
        var line = text.Split('\n')[LineOf(text, fragment) - 1];
        return line.IndexOf(fragment, StringComparison.Ordinal) + 1;
    }

    public static SiteConfigurationLoadResult Load(string yaml, CultureInfo? culture = null) =>
        SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", Path.GetTempPath(), culture ?? English);

    /// <summary>Returns the only problem, failing with the whole report when there are more or none.</summary>
    public static ConfigurationProblem Single(SiteConfigurationLoadResult result)
    {
        Assert.True(result.Problems.Count == 1, ConfigurationReport.Format(result));
        return result.Problems[0];
    }

    public static ConfigurationProblem At(SiteConfigurationLoadResult result, string path)
    {
        var problem = result.Problems.FirstOrDefault(candidate => candidate.Path == path);
        Assert.True(problem is not null, $"No problem at {path}:\n{ConfigurationReport.Format(result)}");
        return problem;
    }
}
