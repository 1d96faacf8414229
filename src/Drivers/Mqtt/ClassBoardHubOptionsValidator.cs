namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Checks the broker connection and board list of a class-board hub and lists every problem at once.</summary>
internal static class ClassBoardHubOptionsValidator
{
    public static void ThrowIfInvalid(CampusMqttOptions mqtt, IReadOnlyList<ClassBoardOptions> boards)
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            problems.Add("the campus broker host is missing");
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            problems.Add($"campus broker port {mqtt.Port} is invalid: expected 1 to 65535");
        }

        if (string.IsNullOrWhiteSpace(mqtt.ClientId))
        {
            problems.Add("the MQTT client id is missing");
        }

        if (mqtt.PublishTimeout <= TimeSpan.Zero || mqtt.ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("publish and connect timeouts must be positive");
        }

        if (mqtt.ReconnectDelay <= TimeSpan.Zero || mqtt.MaxReconnectDelay < mqtt.ReconnectDelay)
        {
            problems.Add($"reconnect delays {mqtt.ReconnectDelay} and {mqtt.MaxReconnectDelay} are invalid: expected 0 < first delay <= maximum delay");
        }

        if (mqtt.MaxPayloadBytes <= 0)
        {
            problems.Add($"maximum payload size {mqtt.MaxPayloadBytes} bytes is invalid: expected a positive size");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var board in boards)
        {
            if (!CampusTopics.IsValidBoardId(board.DeviceId))
            {
                problems.Add($"board id '{board.DeviceId}' is invalid: expected 1 to {CampusTopics.MaxBoardIdLength} letters, digits, '-' or '_', and not \"{CampusTopics.AllBoards}\", for example 'board-201'");
            }
            else if (!ids.Add(board.DeviceId))
            {
                problems.Add($"board id '{board.DeviceId}' is used twice");
            }

            if (board.HeartbeatTimeout <= TimeSpan.Zero)
            {
                problems.Add($"board '{board.DeviceId}': heartbeat timeout {board.HeartbeatTimeout} must be positive");
            }

            if (board.SwipeRepeatWindow < TimeSpan.Zero)
            {
                problems.Add($"board '{board.DeviceId}': swipe repeat window {board.SwipeRepeatWindow} must not be negative");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The class-board hub is configured incorrectly: {string.Join("; ", problems)}.");
        }
    }
}
