using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reader for lists of scalars, such as <c>[smoke-1, smoke-2]</c> or <c>[mon, tue]</c>.</summary>
internal static class ScalarListValues
{
    /// <summary>
    /// Returns the non-empty scalar items, or null when the key is absent (reported when <paramref name="required"/>)
    /// or is not a list. Items that are empty, lists or mappings are reported and left out; an empty list is reported
    /// when required.
    /// </summary>
    public static IReadOnlyList<ListItem>? ScalarList(this ValueReader value, string listExample, bool required)
    {
        if (value.Node is null)
        {
            if (required)
            {
                value.Owner.ReportMissingKey(value.Key, Expect.List, listExample);
            }

            return null;
        }

        if (value.Node is not YamlSequenceNode sequence)
        {
            if (value.Node is YamlScalarNode scalar && !ScalarValues.IsNull(scalar))
            {
                value.ReportWrongValue(ConfigurationProblemKind.WrongType, scalar.Value!, Expect.List, listExample);
            }
            else if (value.Node is YamlScalarNode && required)
            {
                value.Report(ConfigurationProblemKind.MissingValue, null, new ProblemMessage(MessageKeys.ListEmpty, value.Key, value.Snippet(listExample)));
            }
            else if (value.Node is not YamlScalarNode)
            {
                value.ReportWrongNode(Expect.List, listExample);
            }

            return null;
        }

        if (sequence.Children.Count == 0 && required)
        {
            value.Report(ConfigurationProblemKind.MissingValue, null, new ProblemMessage(MessageKeys.ListEmpty, value.Key, value.Snippet(listExample)));
            return null;
        }

        var items = new List<ListItem>();
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var node = sequence.Children[index];
            var path = KeyPath.Item(value.Path, index);
            if (node is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
            {
                items.Add(new ListItem(text, node, path, value.Context));
                continue;
            }

            var message = new ProblemMessage(MessageKeys.WrongNode, NodeShapes.Describe(node), Expect.Text, value.Snippet(listExample));
            value.Context.Problems.Add(ConfigurationProblemKind.WrongType, node.Start, path, null, message);
        }

        return items;
    }
}
