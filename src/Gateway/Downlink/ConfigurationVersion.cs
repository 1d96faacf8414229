using System.Security.Cryptography;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>Version of a site configuration: the first 12 hex digits of its SHA-256, as the district status reports it.</summary>
public static class ConfigurationVersion
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    public static string OfFile(string path) => Of(File.ReadAllBytes(path));
}
