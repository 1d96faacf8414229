using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// Passes MQTTnet's own warnings and errors (a listener that failed, a client's broken connection) to the
/// gateway log. Lower levels are dropped because MQTTnet logs every packet there.
/// </summary>
internal sealed class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel logLevel, string source, string message, object[] parameters, Exception exception)
    {
        if (logLevel < MqttNetLogLevel.Warning)
        {
            return;
        }

        var text = Format(message, parameters);
        if (logLevel == MqttNetLogLevel.Error)
        {
            CampusBrokerLog.MqttNetError(logger, source, text, exception);
        }
        else
        {
            CampusBrokerLog.MqttNetWarning(logger, source, text, exception);
        }
    }

    // MQTTnet writes composite-format templates ("Client '{0}': ...").
    private static string Format(string message, object[]? parameters)
    {
        if (parameters is null || parameters.Length == 0)
        {
            return message;
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, message, parameters);
        }
        catch (FormatException)
        {
            return message;
        }
    }
}
