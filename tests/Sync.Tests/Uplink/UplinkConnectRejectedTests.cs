using MQTTnet;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class UplinkConnectRejectedTests
{
    [Fact]
    public void Message_NamesCodeAndUserName()
    {
        var exception = new UplinkConnectRejectedException(MqttClientConnectResultCode.NotAuthorized, reasonString: null, "gw-01");

        Assert.Equal("CONNACK NotAuthorized (135), user name 'gw-01'", exception.Message);
    }

    [Fact]
    public void Message_WithoutUserName_SaysNoneConfigured()
    {
        var exception = new UplinkConnectRejectedException(MqttClientConnectResultCode.BadUserNameOrPassword, "denied", username: null);

        Assert.Equal("CONNACK BadUserNameOrPassword (134) (denied), no user name configured", exception.Message);
    }
}
