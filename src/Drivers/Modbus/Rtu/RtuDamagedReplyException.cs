namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// A reply addressed to the request arrived damaged: its header matched, then the line went quiet before the frame was
/// complete, or the whole frame failed its CRC, and no valid reply followed before the silence. The slave will not send
/// it again on its own, so waiting for the deadline gains nothing. The bus turns this into a framing error at once.
/// </summary>
internal sealed class RtuDamagedReplyException : Exception
{
    public RtuDamagedReplyException()
        : base("The reply was cut off or failed its CRC, and the line went quiet.")
    {
    }

    public RtuDamagedReplyException(string message)
        : base(message)
    {
    }

    public RtuDamagedReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
