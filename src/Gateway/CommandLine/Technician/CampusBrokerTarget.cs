using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// The campus broker a technician command connects to: the gateway's own account from campus.yaml, with host,
/// port and user name overridable on the command line. The password comes from campus.yaml or the environment
/// variable <see cref="PasswordVariable"/>, never from the command line, where the process list would show it.
/// </summary>
internal sealed record CampusBrokerTarget(string Host, int Port, string? Username, string? Password)
{
    public const string PasswordVariable = "SMARTCAMPUS_MQTT_PASSWORD";

    /// <summary>TLS of an external campus broker from campus.yaml, when the host was not overridden; null for plain MQTT.</summary>
    public CampusMqttTls? Tls { get; init; }

    /// <summary>The campus.yaml keys, options and variable that set host, port and account, for connect failure texts.</summary>
    public CampusBrokerSettingNames Settings { get; init; } = CampusBrokerSettingNames.Configuration;

    public static CampusBrokerTarget Resolve(SiteConfiguration? site, string? host, int? port, string? username)
    {
        var configured = site?.CampusBroker;

        // An embedded broker listening on every address is reached on loopback from the box itself.
        var configuredHost = configured?.Host is "0.0.0.0" or "::" ? "127.0.0.1" : configured?.Host;
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        var passwordSetting = PasswordVariable;
        if (string.IsNullOrEmpty(password) && (username is null || username == configured?.Username))
        {
            password = configured?.Password;
            passwordSetting = CampusBrokerSettingNames.Configuration.Password;
        }

        return new CampusBrokerTarget(
            host ?? configuredHost ?? "127.0.0.1",
            port ?? configured?.Port ?? 1883,
            username ?? configured?.Username,
            string.IsNullOrEmpty(password) ? null : password)
        {
            Tls = site is not null && host is null ? CampusMqttTlsFactory.Create(site) : null,
            Settings = new CampusBrokerSettingNames(
                host is not null || configured is null ? "--host" : CampusBrokerSettingNames.Configuration.Host,
                port is not null || configured is null ? "--port" : CampusBrokerSettingNames.Configuration.Port,
                username is not null || configured is null ? "--username" : CampusBrokerSettingNames.Configuration.Username,
                passwordSetting),
        };
    }
}
