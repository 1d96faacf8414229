namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>The running district link, whichever profile it speaks, as the host's console and health page see it.</summary>
public interface IUplinkStateSource
{
    UplinkState State { get; }
}
