using System.Runtime.InteropServices;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Sync.Clock;

/// <summary>
/// Reads the clock state of the Linux kernel with adjtimex(2) (read-only, modes = 0): a return value of TIME_ERROR
/// (5) means the kernel clock is not synchronised. NTP daemons that discipline the kernel (chrony, ntpd,
/// systemd-timesyncd) clear it once they are in sync. systemd-timesyncd's flag file
/// /run/systemd/timesync/synchronized counts too. On other systems the clock is taken as synchronised.
/// </summary>
public sealed partial class SystemClockSynchronisation : IClockSynchronisation
{
    private const int TimeError = 5;

    // struct timex is 208 bytes on 64-bit Linux; a larger zeroed buffer keeps modes = 0 (read only) on every ABI.
    private const int TimexBufferBytes = 512;

    private const string TimesyncdFlag = "/run/systemd/timesync/synchronized";

    public bool IsSynchronised
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return true;
            }

            if (File.Exists(TimesyncdFlag))
            {
                return true;
            }

            try
            {
                var state = Adjtimex(new byte[TimexBufferBytes]);
                return state >= 0 && state != TimeError;
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                return true;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex")]
    private static partial int Adjtimex(byte[] timex);
}
