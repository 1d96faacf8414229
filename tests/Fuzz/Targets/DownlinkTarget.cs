using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A command message from the district. The first input byte picks the mode: even runs the bytes as they came,
/// where the signature check stops almost all of them; odd re-signs a message that has the four signed fields with
/// this gateway's key first, so the fuzzer also reaches the time parsing, expiry, ledger and handler steps that only
/// a district holding the key can reach. The processor answers every bad message with a result and must never throw.
/// </summary>
public sealed class DownlinkTarget : IFuzzTarget, IDisposable
{
    private const string SchoolId = "fuzz-school";
    private const string GatewayId = "gw-fuzz";

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(value => (byte)value)];

    private readonly Lazy<DownlinkProcessor> _processor = new(Create);

    public string Name => "downlink-command";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var message = (data[0] & 1) == 1 ? Resign(data[1..]) : data[1..].ToArray();
        _processor.Value.ProcessAsync(SchoolId, GatewayId, message, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (_processor.IsValueCreated)
        {
            _processor.Value.Dispose();
        }
    }

    /// <summary>Rebuilds the message with a valid signature when it is an object with the signed text fields.</summary>
    private static byte[] Resign(ReadOnlySpan<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryText(root, "id", out var id)
                || !TryText(root, "type", out var type)
                || !TryText(root, "issuedAt", out var issuedAt)
                || !TryText(root, "expiresAt", out var expiresAt))
            {
                return data.ToArray();
            }

            var payloadJson = root.TryGetProperty("payload", out var payload) ? payload.GetRawText() : "null";
            var signature = DownlinkSignature.Compute(Key, SchoolId, GatewayId, id, type, issuedAt, expiresAt, payloadJson);

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("type", type);
                writer.WriteString("issuedAt", issuedAt);
                writer.WriteString("expiresAt", expiresAt);
                if (root.TryGetProperty("payload", out _))
                {
                    writer.WritePropertyName("payload");
                    writer.WriteRawValue(payloadJson, skipInputValidation: true);
                }

                writer.WriteString("signature", signature);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid UTF-8: the processor gets the bytes as they came.
            return data.ToArray();
        }
    }

    private static bool TryText(JsonElement root, string name, out string value)
    {
        value = root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : string.Empty;
        return value.Length > 0;
    }

    private static DownlinkProcessor Create()
    {
        var directory = Directory.CreateTempSubdirectory("smartcampus-fuzz-downlink-").FullName;
        var keyFile = Path.Combine(directory, "command.key");
        File.WriteAllText(keyFile, Convert.ToBase64String(Key), Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var options = new DownlinkOptions { KeyFile = keyFile, LedgerPath = Path.Combine(directory, "ledger.db") };
        return new DownlinkProcessor(options, new AcceptingHandler(), TimeProvider.System, NullLogger<DownlinkProcessor>.Instance);
    }
}
