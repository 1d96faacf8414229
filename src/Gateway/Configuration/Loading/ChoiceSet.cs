namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>The words a key accepts and the value each stands for; matched without regard to case.</summary>
internal sealed class ChoiceSet<T>
{
    private readonly (string Name, T Value)[] choices;

    public ChoiceSet(params (string Name, T Value)[] choices)
    {
        this.choices = choices;
    }

    /// <summary>Names as the file writes them, in the documented order.</summary>
    public IReadOnlyList<string> Names => Array.ConvertAll(choices, choice => choice.Name);

    public bool TryMatch(string text, out T value)
    {
        foreach (var (name, choiceValue) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choiceValue;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Returns the file's spelling of a value, for example "holding".</summary>
    public string NameOf(T value) =>
        choices.First(choice => EqualityComparer<T>.Default.Equals(choice.Value, value)).Name;
}
