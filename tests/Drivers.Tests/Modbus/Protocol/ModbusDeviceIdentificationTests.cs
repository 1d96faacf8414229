using System.Text;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

public class ModbusDeviceIdentificationTests
{
    private const string Device = "bldgA-meter";

    [Theory]
    [InlineData(ModbusDeviceIdReadCode.Basic, 0x00, "2B 0E 01 00")]
    [InlineData(ModbusDeviceIdReadCode.Regular, 0x03, "2B 0E 02 03")]
    [InlineData(ModbusDeviceIdReadCode.Extended, 0x80, "2B 0E 03 80")]
    [InlineData(ModbusDeviceIdReadCode.Individual, 0x05, "2B 0E 04 05")]
    public void Request_Encoding(ModbusDeviceIdReadCode readCode, byte objectId, string expected)
    {
        var request = ModbusRequest.ReadDeviceIdentification(readCode, objectId);

        Assert.Equal(ScriptedStream.Hex(expected), request.Pdu);
        Assert.Equal(objectId, request.Address);
        Assert.Equal(ModbusFunctionCode.EncapsulatedInterfaceTransport, request.Function);
    }

    [Fact]
    public void Request_UndefinedReadCodeRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadDeviceIdentification((ModbusDeviceIdReadCode)5, 0));
    }

    [Fact]
    public void Parse_BasicInOneReply()
    {
        // Basic stream access: vendor name, product code and revision, conformity level 0x01 (basic only).
        var reply = Reply(0x01, 0x01, 0x00, 0x00, (0x00, "Company identification"), (0x01, "Product code XX"), (0x02, "V2.11"));
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Basic, 0);

        var response = ModbusReplyParser.ParseDeviceIdentification(reply, request, Device, 1);

        Assert.Equal(ModbusDeviceIdReadCode.Basic, response.ReadCode);
        Assert.Equal(0x01, response.ConformityLevel);
        Assert.False(response.MoreFollows);
        Assert.Equal(0, response.NextObjectId);
        Assert.Equal([0x00, 0x01, 0x02], response.Objects.Select(item => item.Id));
        Assert.Equal("Company identification", response.Objects[0].Text);
        Assert.Equal("Product code XX", response.Objects[1].Text);
        Assert.Equal("V2.11", response.Objects[2].Text);
    }

    [Fact]
    public void Parse_MoreFollows()
    {
        var reply = Reply(0x02, 0x82, 0xFF, 0x03, (0x00, "Vendor"), (0x01, "P-1"), (0x02, "1.0"));
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Regular, 0);

        var response = ModbusReplyParser.ParseDeviceIdentification(reply, request, Device, 1);

        Assert.True(response.MoreFollows);
        Assert.Equal(0x03, response.NextObjectId);
        Assert.Equal(0x82, response.ConformityLevel);
    }

    [Fact]
    public void Parse_EmptyValue()
    {
        var reply = Reply(0x04, 0x83, 0x00, 0x00, (0x03, string.Empty));
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Individual, 3);

        var response = ModbusReplyParser.ParseDeviceIdentification(reply, request, Device, 1);

        Assert.Single(response.Objects);
        Assert.Empty(response.Objects[0].Value);
    }

    [Fact]
    public void Parse_IndividualIgnoresMoreFollows()
    {
        var reply = Reply(0x04, 0x83, 0xFF, 0x06, (0x05, "M-5"));
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Individual, 5);

        var response = ModbusReplyParser.ParseDeviceIdentification(reply, request, Device, 1);

        Assert.False(response.MoreFollows);
        Assert.Equal("M-5", response.Objects[0].Text);
    }

    [Theory]
    [InlineData("2B 0E 01 01 00 00 01 00 05 41 42")] // object length 5, only 2 bytes follow
    [InlineData("2B 0E 01 01 00 00 02 00 01 41")] // two objects announced, one present
    [InlineData("2B 0E 01 01 00 00 01 00 01 41 42")] // one byte past the last object
    [InlineData("2B 0E 01 01 00 00 01 00")] // object header cut after the id
    [InlineData("2B 0E 01 01 00 00")] // header shorter than 7 bytes
    public void Parse_MalformedIsError(string reply)
    {
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Basic, 0);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseDeviceIdentification(ScriptedStream.Hex(reply), request, Device, 1));

        Assert.Equal(ModbusProtocolError.MalformedPdu, exception.Error);
    }

    [Theory]
    [InlineData("2B 0D 01 01 00 00 00")] // MEI type 13 (CANopen)
    [InlineData("2B 0E 02 01 00 00 00")] // read code 2 for a request with 1
    [InlineData("2B 0E 01 01 01 00 00")] // more follows must be 00 or FF
    public void Parse_HeaderMismatchIsError(string reply)
    {
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Basic, 0);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseDeviceIdentification(ScriptedStream.Hex(reply), request, Device, 1));

        Assert.Equal(ModbusProtocolError.DeviceIdHeaderMismatch, exception.Error);
    }

    [Theory]
    [InlineData("2B 0E 02 02 FF 05 00")] // more follows, but no object
    [InlineData("2B 0E 02 02 FF 01 02 00 01 41 01 01 42")] // next object 1 after objects 0 and 1
    public void Parse_StalledContinuationIsError(string reply)
    {
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Regular, 0);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseDeviceIdentification(ScriptedStream.Hex(reply), request, Device, 1));

        Assert.Equal(ModbusProtocolError.DeviceIdStalled, exception.Error);
        Assert.Contains(Device, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExceptionResponse()
    {
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Individual, 0x40);

        var exception = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusReplyParser.ParseDeviceIdentification(ScriptedStream.Hex("AB 02"), request, Device, 1));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Equal(0x40, exception.Address);
    }

    [Fact]
    public async Task ReadAsync_FollowsContinuation()
    {
        var client = new FakeModbusClient();
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Regular, true, 0x03, (0x00, "Vendor"), (0x01, "P-1"), (0x02, "1.0")));
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Regular, true, 0x05, (0x03, "http://x"), (0x04, "Meter")));
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Regular, false, 0x00, (0x05, "EM-3"), (0x06, "app")));

        var identification = await ModbusDeviceIdentification.ReadAsync(client, Device, 1, ModbusDeviceIdReadCode.Regular, CancellationToken.None);

        Assert.Equal([(ModbusDeviceIdReadCode.Regular, (byte)0), (ModbusDeviceIdReadCode.Regular, (byte)3), (ModbusDeviceIdReadCode.Regular, (byte)5)], client.DeviceIdRequests);
        Assert.Equal("Vendor", identification.VendorName);
        Assert.Equal("P-1", identification.ProductCode);
        Assert.Equal("1.0", identification.MajorMinorRevision);
        Assert.Equal("http://x", identification.VendorUrl);
        Assert.Equal("Meter", identification.ProductName);
        Assert.Equal("EM-3", identification.ModelName);
        Assert.Equal("app", identification.UserApplicationName);
        Assert.Equal(7, identification.Objects.Count);
    }

    [Fact]
    public async Task ReadAsync_ContinuationMustAdvance()
    {
        // The second reply restarts at object 0 and points back to object 3, which would repeat forever.
        var client = new FakeModbusClient();
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Regular, true, 0x03, (0x00, "Vendor"), (0x01, "P-1"), (0x02, "1.0")));
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Regular, true, 0x03, (0x00, "Vendor"), (0x01, "P-1"), (0x02, "1.0")));

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(
            () => ModbusDeviceIdentification.ReadAsync(client, Device, 1, ModbusDeviceIdReadCode.Regular, CancellationToken.None));

        Assert.Equal(ModbusProtocolError.DeviceIdStalled, exception.Error);
        Assert.Equal(2, client.DeviceIdRequests.Count);
    }

    [Fact]
    public async Task ReadAsync_FirstRequestMayRestart()
    {
        // Asked from an object it lacks, a device restarts the stream at object 0 (§6.21).
        var client = new FakeModbusClient();
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Basic, true, 0x02, (0x00, "Vendor"), (0x01, "P-1")));
        client.DeviceIdReplies.Enqueue(Response(ModbusDeviceIdReadCode.Basic, false, 0x00, (0x02, "1.0")));

        var identification = await ModbusDeviceIdentification.ReadAsync(
            client, Device, 1, ModbusDeviceIdReadCode.Basic, CancellationToken.None, firstObjectId: 0x09);

        Assert.Equal("1.0", identification.MajorMinorRevision);
        Assert.Equal((byte)0x02, client.DeviceIdRequests[1].ObjectId);
    }

    private static byte[] Reply(byte readCode, byte conformity, byte moreFollows, byte nextObjectId, params (byte Id, string Value)[] objects)
    {
        var bytes = new List<byte> { 0x2B, 0x0E, readCode, conformity, moreFollows, nextObjectId, (byte)objects.Length };
        foreach (var (id, value) in objects)
        {
            bytes.Add(id);
            bytes.Add((byte)value.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(value));
        }

        return [.. bytes];
    }

    private static ModbusDeviceIdResponse Response(ModbusDeviceIdReadCode readCode, bool moreFollows, byte nextObjectId, params (byte Id, string Value)[] objects) =>
        new(readCode, 0x82, moreFollows, nextObjectId, [.. objects.Select(item => new ModbusDeviceIdObject(item.Id, Encoding.ASCII.GetBytes(item.Value)))]);
}
