namespace SmartCampus.Edge.TestPeers;

/// <summary>Polling for a condition that real I/O makes true later, in real time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns true once <paramref name="condition"/> holds, or false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval);
        }

        return true;
    }
}
