namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// What makes an IPv6 attempt invalid: a group of more than four hexadecimal digits (<paramref name="LongGroup"/>),
/// or, when that is null, "::" written <paramref name="DoubleColonCount"/> times.
/// </summary>
internal sealed record Ipv6Fault(string? LongGroup, int DoubleColonCount);
