namespace SmartCampus.Edge.Contracts;

/// <summary>
/// Monotonic time of an observation: the elapsed time on the gateway's monotonic clock within one boot.
/// A wall clock corrected later (NTP, a Pi without RTC) can still place the observation from this stamp.
/// </summary>
/// <param name="BootId">Identity of the boot (Linux <c>/proc/sys/kernel/random/boot_id</c>) that the elapsed time belongs to.</param>
/// <param name="Elapsed">Time on the monotonic clock when the observation was made.</param>
public readonly record struct MonotonicStamp(string BootId, TimeSpan Elapsed);
