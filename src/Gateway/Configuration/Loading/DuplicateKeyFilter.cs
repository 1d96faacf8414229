using SmartCampus.Edge.Gateway.Configuration.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Parser wrapper that drops the second and later occurrences of a scalar key in one mapping, with their values,
/// and reports each as a problem. YamlDotNet 16.3's <c>YamlStream</c> throws on the first duplicate key and ends
/// the load, which would hide every problem after it.
/// </summary>
internal sealed class DuplicateKeyFilter : IParser
{
    private readonly IParser inner;
    private readonly ProblemCollector problems;
    private readonly Stack<Frame> frames = new();

    public DuplicateKeyFilter(IParser inner, ProblemCollector problems)
    {
        this.inner = inner;
        this.problems = problems;
    }

    public ParsingEvent? Current => inner.Current;

    /// <summary>End of the last event read, or the start of the text before the first.</summary>
    public Mark LastEnd { get; private set; } = new(0, 1, 1);

    public bool MoveNext()
    {
        while (inner.MoveNext())
        {
            var parsingEvent = inner.Current!;
            LastEnd = parsingEvent.End;
            if (IsDuplicateKey(parsingEvent))
            {
                SkipNode();
                continue;
            }

            Track(parsingEvent);
            return true;
        }

        return false;
    }

    private bool IsDuplicateKey(ParsingEvent parsingEvent)
    {
        if (parsingEvent is not Scalar key || !frames.TryPeek(out var frame) || !frame.ExpectsKey)
        {
            return false;
        }

        if (frame.KeyLines.TryGetValue(key.Value, out var firstLine))
        {
            var message = new ProblemMessage(MessageKeys.DuplicateKey, key.Value, firstLine);
            problems.Add(ConfigurationProblemKind.DuplicateKey, key.Start, KeyPath.Child(frame.Path, key.Value), null, message);
            return true;
        }

        frame.KeyLines.Add(key.Value, key.Start.Line);
        frame.CurrentKey = key.Value;
        return false;
    }

    /// <summary>Skips the value that follows a dropped key: one scalar or alias, or a whole collection.</summary>
    private void SkipNode()
    {
        var depth = 0;
        while (inner.MoveNext())
        {
            depth += inner.Current!.NestingIncrease;
            if (depth <= 0)
            {
                return;
            }
        }
    }

    private void Track(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case MappingStart:
                frames.Push(new Frame(isMapping: true, ChildPath()));
                break;

            case SequenceStart:
                frames.Push(new Frame(isMapping: false, ChildPath()));
                break;

            case MappingEnd or SequenceEnd:
                frames.Pop();
                CompleteNode();
                break;

            case Scalar or AnchorAlias:
                CompleteNode();
                break;
        }
    }

    /// <summary>In a mapping, nodes alternate between key and value; in a sequence, each node is the next item.</summary>
    private void CompleteNode()
    {
        if (!frames.TryPeek(out var frame))
        {
            return;
        }

        if (frame.IsMapping)
        {
            frame.ExpectsKey = !frame.ExpectsKey;
        }
        else
        {
            frame.Index++;
        }
    }

    /// <summary>Key path of the collection that starts now, for the problem path of a duplicate inside it.</summary>
    private string ChildPath()
    {
        if (!frames.TryPeek(out var parent))
        {
            return string.Empty;
        }

        if (!parent.IsMapping)
        {
            return KeyPath.Item(parent.Path, parent.Index);
        }

        // A collection used as a key has no key path of its own; its parent's path is the closest.
        return parent.ExpectsKey ? parent.Path : KeyPath.Child(parent.Path, parent.CurrentKey);
    }

    private sealed class Frame(bool isMapping, string path)
    {
        public bool IsMapping { get; } = isMapping;

        public string Path { get; } = path;

        public bool ExpectsKey { get; set; } = isMapping;

        public string CurrentKey { get; set; } = string.Empty;

        public int Index { get; set; }

        public Dictionary<string, long> KeyLines { get; } = new(StringComparer.Ordinal);
    }
}
