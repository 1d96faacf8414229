using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for nested mappings and for lists of mappings.</summary>
internal static class CollectionValues
{
    public static MappingReader? RequiredMapping(this ValueReader value, string example) => Mapping(value, example, required: true);

    public static MappingReader? OptionalMapping(this ValueReader value, string example) => Mapping(value, example, required: false);

    /// <summary>
    /// Returns a reader per list item, or null when the key is absent (reported when required). Items that are not
    /// mappings are reported and left out; an empty list is reported unless <paramref name="allowEmpty"/>.
    /// <paramref name="itemExample"/> is one item in flow style, for example <c>{id: co2, address: 0}</c>.
    /// </summary>
    public static IReadOnlyList<MappingReader>? MappingList(this ValueReader value, string itemExample, bool required, bool allowEmpty)
    {
        var listExample = $"[{itemExample}]";
        if (value.Node is null)
        {
            if (required)
            {
                value.Owner.ReportMissingKey(value.Key, Expect.List, listExample);
            }

            return null;
        }

        if (!value.IsPresent)
        {
            // `key:` with nothing after it is an empty list.
            return allowEmpty ? [] : ReportEmpty(value, itemExample);
        }

        if (value.Node is not YamlSequenceNode sequence)
        {
            ReportNotList(value, listExample);
            return null;
        }

        if (sequence.Children.Count == 0 && !allowEmpty)
        {
            return ReportEmpty(value, itemExample);
        }

        return Items(value, sequence, itemExample);
    }

    private static List<MappingReader>? ReportEmpty(ValueReader value, string itemExample)
    {
        value.Report(ConfigurationProblemKind.MissingValue, null, new ProblemMessage(MessageKeys.ListEmpty, value.Key, value.Snippet($"[{itemExample}]")));
        return null;
    }

    private static List<MappingReader> Items(ValueReader value, YamlSequenceNode sequence, string itemExample)
    {
        var items = new List<MappingReader>();
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var item = sequence.Children[index];
            var path = KeyPath.Item(value.Path, index);
            if (item is YamlMappingNode mapping)
            {
                items.Add(new MappingReader(mapping, path, value.Context));
                continue;
            }

            var found = item is YamlScalarNode scalar ? scalar.Value : null;
            var message = new ProblemMessage(MessageKeys.WrongNode, NodeShapes.Describe(item), Expect.Mapping, $"- {itemExample}");
            value.Context.Problems.Add(ConfigurationProblemKind.WrongType, item.Start, path, found, message);
        }

        return items;
    }

    private static void ReportNotList(ValueReader value, string listExample)
    {
        if (value.Node is YamlScalarNode scalar)
        {
            value.ReportWrongValue(ConfigurationProblemKind.WrongType, scalar.Value!, Expect.List, listExample);
            return;
        }

        value.ReportWrongNode(Expect.List, listExample);
    }

    private static MappingReader? Mapping(ValueReader value, string example, bool required)
    {
        if (value.Node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, value.Path, value.Context);
        }

        if (value.Node is YamlScalarNode scalar && !ScalarValues.IsNull(scalar))
        {
            value.ReportWrongValue(ConfigurationProblemKind.WrongType, scalar.Value!, Expect.Mapping, example);
            return null;
        }

        // Absent or null: reported as missing when required. A list: reported as the wrong shape.
        value.ScalarText(Expect.Mapping, example, required);
        return null;
    }
}
