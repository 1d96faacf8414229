using SmartCampus.Edge.Gateway.Configuration.Loading;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>One scalar item of a list, such as one rule id of <c>rules: [smoke-1, smoke-2]</c>, with its position.</summary>
internal sealed record ListItem(string Text, YamlNode Node, string Path, ReadContext Context)
{
    public void Report(ConfigurationProblemKind kind, ProblemMessage message) =>
        Context.Problems.Add(kind, Node.Start, Path, Text, message);
}
