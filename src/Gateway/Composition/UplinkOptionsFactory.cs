using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>District uplink settings from the site configuration; the password may live in a separate protected file.</summary>
internal static class UplinkOptionsFactory
{
    public static UplinkOptions Create(SiteConfiguration site)
    {
        var district = site.District;
        return new UplinkOptions
        {
            Host = district.Host,
            Port = district.Port,
            ProtocolVersion = district.Protocol == DistrictProtocol.Mqtt311 ? "3.1.1" : "5",
            ClientId = district.ClientId,
            Username = district.Username,
            Password = ReadPassword(district),
            TopicPrefix = district.TopicPrefix,
            SchoolId = site.School.Id,
            GatewayId = site.Gateway.Id,
            PublishTimeout = district.PublishTimeout,
            BatchSize = district.BatchSize,
            UseTls = district.UseTls,
            TlsCaFile = district.TlsCaFile,
            TlsClientCertificateFile = district.TlsClientCertificateFile,
            TlsClientKeyFile = district.TlsClientKeyFile,
            Compression = district.Compression switch
            {
                DistrictCompression.Gzip => "gzip",
                DistrictCompression.Zstd => "zstd",
                _ => "none",
            },
            MaxBatchAge = district.MaxBatchAge,
            AlarmConnection = district.AlarmConnection,
            StatusInterval = district.StatusInterval,
            ReconnectMinDelay = district.ReconnectMinDelay,
            ReconnectMaxDelay = district.ReconnectMaxDelay,
            AlarmReconnectDelay = district.AlarmReconnectDelay,
            KeepAlive = district.KeepAlive,
            ConnectTimeout = district.ConnectTimeout,
            SessionExpiry = district.SessionExpiry,
        };
    }

    private static string? ReadPassword(DistrictConfiguration district) =>
        district.PasswordFile is { } file ? File.ReadAllText(file).Trim() : district.Password;
}
