using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Reads the keys of one YAML mapping and remembers which keys were requested, so that every other key can be
/// reported as unknown, with the closest requested key as a suggestion.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode node;
    private readonly List<string> requestedKeys = [];
    private readonly HashSet<string> coveredKeys = [];

    public MappingReader(YamlMappingNode node, string path, ReadContext context)
    {
        this.node = node;
        Path = path;
        Context = context;
    }

    public string Path { get; }

    public ReadContext Context { get; }

    public Mark Start => node.Start;

    public ValueReader Key(string key)
    {
        if (!requestedKeys.Contains(key))
        {
            requestedKeys.Add(key);
        }

        var value = node.Children.FirstOrDefault(child => child.Key is YamlScalarNode scalar && scalar.Value == key).Value;
        return new ValueReader(this, key, value);
    }

    /// <summary>True when the mapping has <paramref name="key"/>; unlike <see cref="Key"/>, it does not count as read.</summary>
    public bool Has(string key) => node.Children.Any(child => child.Key is YamlScalarNode scalar && scalar.Value == key);

    /// <summary>
    /// Leaves out a later "missing key" problem for <paramref name="key"/>, because another problem of this mapping
    /// already names the value to write there (a port written in the host value).
    /// </summary>
    public void CoverMissingKey(string key) => coveredKeys.Add(key);

    public void ReportMissingKey(string key, ProblemMessage expected, string example)
    {
        if (coveredKeys.Contains(key))
        {
            return;
        }

        var message = new ProblemMessage(MessageKeys.MissingKey, key, expected, $"{key}: {example}");
        Context.Problems.Add(ConfigurationProblemKind.MissingKey, Start, KeyPath.Child(Path, key), null, message);
    }

    /// <summary>
    /// Reports every key that no reader asked for. <paramref name="hint"/> may return a more specific message for a
    /// key, for example for a serial-line setting on a TCP device.
    /// </summary>
    public void ReportUnknownKeys(Func<string, ProblemMessage?>? hint = null)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : keyNode.ToString();
            if (requestedKeys.Contains(key))
            {
                continue;
            }

            var message = hint?.Invoke(key) ?? UnknownKeyMessage(key);
            var value = valueNode is YamlScalarNode valueScalar ? valueScalar.Value : null;
            Context.Problems.Add(ConfigurationProblemKind.UnknownKey, keyNode.Start, KeyPath.Child(Path, key), value, message);
        }
    }

    private ProblemMessage UnknownKeyMessage(string key)
    {
        var suggestion = KeySuggester.Closest(key, requestedKeys);
        return suggestion is null
            ? new ProblemMessage(MessageKeys.UnknownKey, key, requestedKeys)
            : new ProblemMessage(MessageKeys.UnknownKeySuggestion, key, suggestion, requestedKeys);
    }
}
