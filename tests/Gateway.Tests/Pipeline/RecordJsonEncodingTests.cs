using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

public sealed class RecordJsonEncodingTests
{
    [Fact]
    public void GatewayFault_KeepsChineseUnescaped()
    {
        var payload = RecordJson.SerializeGatewayFault(
            "outbox-replaced",
            new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero),
            () => CultureInfo.CurrentUICulture.Name == "zh-CN" ? "网关故障 <b>" : "gateway fault <b>");

        var text = Encoding.UTF8.GetString(payload);

        Assert.Contains("\"zh-CN\":\"网关故障 \\u003Cb\\u003E\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u7F51", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
    }
}
