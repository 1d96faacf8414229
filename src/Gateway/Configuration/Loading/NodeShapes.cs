using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Names the shape of a node in operator text ("a list", "a mapping", "a single value").</summary>
internal static class NodeShapes
{
    public static ProblemMessage Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => new ProblemMessage(MessageKeys.FoundList),
        YamlMappingNode => new ProblemMessage(MessageKeys.FoundMapping),
        _ => new ProblemMessage(MessageKeys.FoundScalar),
    };
}
