namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Checks a GPIO device's options and lists every problem at once.</summary>
internal static class GpioDeviceOptionsValidator
{
    public static void ThrowIfInvalid(GpioDeviceOptions options)
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DeviceId) || options.DeviceId.Contains('.', StringComparison.Ordinal))
        {
            problems.Add($"device id '{options.DeviceId}' is invalid: expected a non-empty id without dots, for example 'fire-panel'");
        }

        if (options.LineRetryDelay <= TimeSpan.Zero || options.MaxLineRetryDelay < options.LineRetryDelay)
        {
            problems.Add($"line retry delays {options.LineRetryDelay} and {options.MaxLineRetryDelay} are invalid: expected 0 < first delay <= maximum delay");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var pins = new HashSet<int>();
        foreach (var point in options.Points)
        {
            if (string.IsNullOrWhiteSpace(point.Name))
            {
                problems.Add("a point has no name");
            }
            else if (!names.Add(point.Name))
            {
                problems.Add($"point name '{point.Name}' is used twice");
            }

            if (point.Pin < 0)
            {
                problems.Add($"point '{point.Name}': pin {point.Pin} is invalid, expected 0 or more");
            }
            else if (!pins.Add(point.Pin))
            {
                problems.Add($"point '{point.Name}': pin {point.Pin} is used by another point of this device");
            }

            if (point.OutputMode == GpioOutputMode.Pulse && point.PulseDuration <= TimeSpan.Zero)
            {
                problems.Add($"point '{point.Name}': pulse duration {point.PulseDuration} is invalid, expected more than zero");
            }

            if (point.Debounce < TimeSpan.Zero)
            {
                problems.Add($"point '{point.Name}': debounce {point.Debounce} is negative");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"GPIO device '{options.DeviceId}' is configured incorrectly: {string.Join("; ", problems)}.", nameof(options));
        }
    }
}
