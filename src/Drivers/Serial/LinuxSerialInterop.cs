using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Drivers.Serial;

// The constants keep their C names so that they can be looked up in the man pages and headers.
#pragma warning disable CA1707

/// <summary>
/// The libc calls and constants <see cref="LinuxSerialStream"/> uses. The values are those of glibc on Linux, the same
/// on x64, arm64 and 32-bit arm (asm-generic fcntl.h, termbits.h, poll.h and errno-base.h). Sizes that follow the
/// word size (<c>size_t</c>, <c>ssize_t</c>, <c>long</c> in <c>struct timespec</c>) are <see cref="nint"/>.
/// </summary>
internal static partial class LinuxSerialInterop
{
    private const string Libc = "libc";

    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int EFD_NONBLOCK = O_NONBLOCK;
    public const int EFD_CLOEXEC = O_CLOEXEC;

    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;

    public const int TCSANOW = 0;
    public const int TCIFLUSH = 0;

    // c_cflag bits (termbits.h).
    public const uint CSIZE = 0x30;
    public const uint CS7 = 0x20;
    public const uint CS8 = 0x30;
    public const uint CSTOPB = 0x40;
    public const uint CREAD = 0x80;
    public const uint PARENB = 0x100;
    public const uint PARODD = 0x200;
    public const uint CLOCAL = 0x800;
    public const uint CRTSCTS = 0x80000000;

    public const uint CMSPAR = 0x40000000;

    // c_iflag bits for software flow control; cfmakeraw clears IXON but leaves these.
    public const uint IXANY = 0x800;
    public const uint IXOFF = 0x1000;

    // Indexes into c_cc.
    public const int VTIME = 5;
    public const int VMIN = 6;

    /// <summary>Number of control characters in glibc's <c>struct termios</c> (not the kernel's 19).</summary>
    public const int NCCS = 32;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int ENODEV = 19;
    public const int EISDIR = 21;
    public const int ENOTTY = 25;

    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(SafeFileDescriptor fd, int operation);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(SafeFileDescriptor fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(SafeFileDescriptor fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "ppoll", SetLastError = true)]
    public static unsafe partial int PPoll(PollFd* fds, nuint count, Timespec* timeout, nint signalMask);

    [LibraryImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Libc, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(SafeFileDescriptor fd, out Termios termios);

    [LibraryImport(Libc, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(SafeFileDescriptor fd, int optionalActions, in Termios termios);

    [LibraryImport(Libc, EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(ref Termios termios);

    [LibraryImport(Libc, EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int CfSetISpeed(ref Termios termios, uint speed);

    [LibraryImport(Libc, EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int CfSetOSpeed(ref Termios termios, uint speed);

    [LibraryImport(Libc, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(SafeFileDescriptor fd, int queueSelector);

    /// <summary>
    /// glibc's <c>struct termios</c> (bits/termios-struct.h): 4 flag words, <c>c_line</c>, 32 control characters, then
    /// the two speeds after 3 bytes of padding, 60 bytes in all on x64, arm64 and 32-bit arm.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte Line;
        public ControlCharacters ControlCharacters;
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    [InlineArray(NCCS)]
    public struct ControlCharacters
    {
        private byte _first;
    }

    /// <summary><c>struct pollfd</c>: 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary><c>struct timespec</c> as the <c>ppoll</c> symbol takes it: two <c>long</c>s.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
