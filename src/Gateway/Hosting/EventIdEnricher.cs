using Serilog.Core;
using Serilog.Events;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// Lifts the numeric id out of the <c>EventId</c> structure that Microsoft.Extensions.Logging attaches,
/// so plain output templates can print it as <c>{EventNumber}</c>.
/// </summary>
internal sealed class EventIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var number = 0;
        if (logEvent.Properties.TryGetValue("EventId", out var eventId)
            && eventId is StructureValue structure)
        {
            foreach (var property in structure.Properties)
            {
                if (property.Name == "Id" && property.Value is ScalarValue { Value: int id })
                {
                    number = id;
                }
            }
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("EventNumber", number));
    }
}
