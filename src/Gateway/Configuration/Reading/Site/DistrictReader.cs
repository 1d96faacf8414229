using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class DistrictReader
{
    public const string Example = "{host: mqtt.district.example, port: 1883}";

    private static readonly ChoiceSet<DistrictCompression> Compressions = new(("none", DistrictCompression.None), ("gzip", DistrictCompression.Gzip), ("zstd", DistrictCompression.Zstd));

    private static readonly ChoiceSet<DistrictProtocol> Protocols = new(
        ("5", DistrictProtocol.Mqtt5),
        ("3.1.1", DistrictProtocol.Mqtt311));

    /// <param name="defaultClientId">"{school.id}-{gateway.id}", used when clientId is absent.</param>
    public static DistrictConfiguration Read(MappingReader district, string defaultClientId)
    {
        var host = district.Key("host").RequiredHost("mqtt.district.example");
        var port = district.Key("port").OptionalInteger(1, 65535, "1883");
        var protocol = district.Key("protocol").OptionalChoice(Protocols);
        var clientId = district.Key("clientId").OptionalText(defaultClientId);
        var topicPrefix = ReadTopicPrefix(district.Key("topicPrefix"));
        var publishTimeout = district.Key("publishTimeout").OptionalDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), "10s");
        var batchSize = district.Key("batchSize").OptionalInteger(1, 10_000, "100");
        var username = district.Key("username").OptionalText("demo-school-gw-01");
        var (password, passwordFile) = ReadCredentials(district, username);
        var useTls = district.Key("tls").OptionalBoolean("true");
        var caFile = district.Key("tlsCaFile").OptionalExistingFile("/etc/smartcampus-edge/district-ca.pem");
        var clientCertificate = district.Key("tlsClientCertificateFile").OptionalExistingFile("/etc/smartcampus-edge/gateway.pem");
        var clientKey = district.Key("tlsClientKeyFile").OptionalExistingFile("/etc/smartcampus-edge/gateway.key");
        var compression = district.Key("compression").OptionalChoice(Compressions);
        var maxBatchAge = district.Key("maxBatchAge").OptionalDuration(TimeSpan.Zero, TimeSpan.FromMinutes(1), "200ms");
        var commandKeyValue = district.Key("commandKeyFile");
        var commandKeyFile = commandKeyValue.OptionalExistingFile("/etc/smartcampus-edge/district-command.key");
        var alarmConnection = district.Key("alarmConnection").OptionalBoolean("false");
        var statusInterval = district.Key("statusInterval").OptionalDuration(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "60s");
        var (reconnectMinDelay, reconnectMaxDelay) = ReadReconnectDelays(district);
        var alarmReconnectDelay = district.Key("alarmReconnectDelay").OptionalDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), "500ms");
        var keepAlive = district.Key("keepAlive").OptionalDuration(TimeSpan.Zero, TimeSpan.FromHours(1), "30s");
        var sessionExpiry = district.Key("sessionExpiry").OptionalDuration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), "24h");
        var connectTimeout = district.Key("connectTimeout").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), "10s");
        var (profile, accessTokenFile, rpc) = DistrictProfileReader.Read(district);
        if (profile == DistrictProfile.SmartCampus)
        {
            // With thingsboard the key is reported as a key that does not apply, so its content does not matter.
            commandKeyFile = CommandKeyReader.Check(commandKeyValue, commandKeyFile);
        }

        district.ReportUnknownKeys();

        return new DistrictConfiguration
        {
            Host = host ?? string.Empty,
            Port = port ?? DistrictConfiguration.DefaultPort,
            Protocol = protocol ?? DistrictConfiguration.DefaultProtocol,
            ClientId = string.IsNullOrWhiteSpace(clientId) ? defaultClientId : clientId,
            TopicPrefix = topicPrefix ?? DistrictConfiguration.DefaultTopicPrefix,
            PublishTimeout = publishTimeout ?? DistrictConfiguration.DefaultPublishTimeout,
            BatchSize = batchSize ?? DistrictConfiguration.DefaultBatchSize,
            Username = username,
            Password = password,
            PasswordFile = passwordFile,
            UseTls = useTls ?? (caFile is not null || clientCertificate is not null),
            TlsCaFile = caFile,
            TlsClientCertificateFile = clientCertificate,
            TlsClientKeyFile = clientKey,
            Compression = compression ?? DistrictCompression.None,
            MaxBatchAge = maxBatchAge ?? TimeSpan.Zero,
            AlarmConnection = alarmConnection ?? true,
            StatusInterval = statusInterval ?? TimeSpan.FromSeconds(60),
            CommandKeyFile = commandKeyFile,
            ReconnectMinDelay = reconnectMinDelay ?? DistrictConfiguration.DefaultReconnectMinDelay,
            ReconnectMaxDelay = reconnectMaxDelay ?? DistrictConfiguration.DefaultReconnectMaxDelay,
            AlarmReconnectDelay = alarmReconnectDelay ?? DistrictConfiguration.DefaultAlarmReconnectDelay,
            KeepAlive = keepAlive ?? DistrictConfiguration.DefaultKeepAlive,
            ConnectTimeout = connectTimeout ?? DistrictConfiguration.DefaultConnectTimeout,
            SessionExpiry = sessionExpiry ?? DistrictConfiguration.DefaultSessionExpiry,
            Profile = profile,
            AccessTokenFile = accessTokenFile,
            Rpc = rpc,
        };
    }

    /// <summary>
    /// Reads the reconnect backoff. The longest delay bounds how late the gateway notices that the district link is
    /// back, and so how late an alarm raised during an outage arrives.
    /// </summary>
    private static (TimeSpan? Min, TimeSpan? Max) ReadReconnectDelays(MappingReader district)
    {
        var minValue = district.Key("reconnectMinDelay");
        var maxValue = district.Key("reconnectMaxDelay");
        var min = minValue.OptionalDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), "1s");
        var max = maxValue.OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "10s");

        // Each range alone keeps the defaults in order, so only two given values can conflict.
        if (min is { } first && max is { } longest && longest < first)
        {
            var message = new ProblemMessage(MessageKeys.ReconnectMaxBelowMin, maxValue.RawText, minValue.RawText);
            maxValue.Report(ConfigurationProblemKind.InvalidCombination, maxValue.RawText, message);
            return (null, null);
        }

        return (min, max);
    }

    /// <summary>
    /// Reads the topic prefix. MQTT forbids the wildcards + and # in topic names, and a leading $ marks broker
    /// topics (MQTT 3.1.1 §4.7). Empty levels and spaces are rejected too, because district routing splits on '/'.
    /// </summary>
    private static string? ReadTopicPrefix(ValueReader topicPrefix)
    {
        var prefix = topicPrefix.OptionalText(DistrictConfiguration.DefaultTopicPrefix);
        if (prefix is null)
        {
            return null;
        }

        var valid = !prefix.StartsWith('$')
            && prefix.Split('/').All(level => level.Length > 0 && !level.Any(c => c is '+' or '#' || char.IsWhiteSpace(c)));
        if (!valid)
        {
            topicPrefix.Report(ConfigurationProblemKind.InvalidValue, prefix, new ProblemMessage(MessageKeys.InvalidTopicPrefix, prefix));
            return null;
        }

        return prefix;
    }

    private static (string? Password, string? PasswordFile) ReadCredentials(MappingReader district, string? username)
    {
        var passwordValue = district.Key("password");
        var passwordFileValue = district.Key("passwordFile");
        var password = passwordValue.OptionalSecret("change-me-1234");
        var passwordFile = passwordFileValue.OptionalExistingFile("/etc/smartcampus-edge/district.password");

        if (passwordValue.IsPresent && passwordFileValue.IsPresent)
        {
            passwordFileValue.Report(ConfigurationProblemKind.InvalidCombination, passwordFileValue.RawText, new ProblemMessage(MessageKeys.PasswordAndPasswordFile));
        }

        var secretValue = passwordValue.IsPresent ? passwordValue : passwordFileValue;
        if (secretValue.IsPresent && string.IsNullOrWhiteSpace(username))
        {
            // The value is left out of the problem: it may be the password itself.
            secretValue.Report(ConfigurationProblemKind.InvalidCombination, null, new ProblemMessage(MessageKeys.PasswordWithoutUsername, secretValue.Key));
        }

        return (password, passwordFile);
    }
}
