using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// The value at one key of a mapping, possibly absent. The typed readers (text, numbers, durations, choices, lists)
/// are extension methods in this folder. Each reports its own problems and returns null for a value it rejected.
/// </summary>
internal readonly struct ValueReader
{
    public ValueReader(MappingReader owner, string key, YamlNode? node)
    {
        Owner = owner;
        Key = key;
        Node = node;
    }

    public MappingReader Owner { get; }

    public string Key { get; }

    public YamlNode? Node { get; }

    public string Path => KeyPath.Child(Owner.Path, Key);

    public ReadContext Context => Owner.Context;

    /// <summary>The value as written when it is a scalar, otherwise null.</summary>
    public string? RawText => (Node as YamlScalarNode)?.Value;

    /// <summary>True when the key is written with a value other than null.</summary>
    public bool IsPresent => Node is not null && !(Node is YamlScalarNode scalar && ScalarValues.IsNull(scalar));

    /// <summary>
    /// Returns the scalar text, or null when the key is absent or null (reported when <paramref name="required"/>)
    /// or contains a list or mapping (always reported).
    /// </summary>
    public string? ScalarText(ProblemMessage expected, string example, bool required)
    {
        if (Node is null)
        {
            if (required)
            {
                Owner.ReportMissingKey(Key, expected, example);
            }

            return null;
        }

        if (Node is not YamlScalarNode scalar)
        {
            ReportWrongNode(expected, example);
            return null;
        }

        if (ScalarValues.IsNull(scalar))
        {
            if (required)
            {
                Report(ConfigurationProblemKind.MissingValue, null, new ProblemMessage(MessageKeys.MissingValue, Key, expected, Snippet(example)));
            }

            return null;
        }

        return scalar.Value is { } text ? Context.Share(text) : null;
    }

    /// <summary>Returns the example as the technician would write it, for example "port: 502".</summary>
    public string Snippet(string example) => $"{Key}: {example}";

    /// <summary>Reports a problem at this value's position; the key must be present.</summary>
    public void Report(ConfigurationProblemKind kind, string? value, ProblemMessage message) =>
        Context.Problems.Add(kind, Node!.Start, Path, value, message);

    /// <summary>Reports a well-formed scalar that is not what the key expects, for example "abc" for a port.</summary>
    public void ReportWrongValue(ConfigurationProblemKind kind, string value, ProblemMessage expected, string example) =>
        Report(kind, value, new ProblemMessage(MessageKeys.WrongValue, value, expected, Snippet(example)));

    public void ReportWrongNode(ProblemMessage expected, string example) =>
        Report(ConfigurationProblemKind.WrongType, null, new ProblemMessage(MessageKeys.WrongNode, NodeShapes.Describe(Node!), expected, Snippet(example)));
}
