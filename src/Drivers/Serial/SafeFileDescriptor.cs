using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>A Linux file descriptor, closed with <c>close(2)</c> when released. -1 is the invalid value.</summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public SafeFileDescriptor(int fd)
        : this()
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The descriptor number, for a <c>struct pollfd</c>. Valid only while the handle is open.</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LinuxSerialInterop.Close((int)handle) == 0;
}
