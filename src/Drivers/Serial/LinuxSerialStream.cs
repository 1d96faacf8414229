using System.Diagnostics;
using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using static SmartCampus.Edge.Drivers.Serial.LinuxSerialInterop;

namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>
/// A serial port on Linux, opened and set up through libc, whose reads that have to wait allocate nothing.
/// </summary>
/// <remarks>
/// The tty is non-blocking. A read first takes what the kernel has already received. Otherwise it is handed to the port's
/// reader thread, which waits in <c>ppoll</c> on the tty and on an eventfd, reads when bytes arrive, and completes the
/// read through one reusable <see cref="ManualResetValueTaskSourceCore{TResult}"/>. The eventfd wakes the thread for a
/// new read, a cancellation and the close. A read's timeout is the <c>ppoll</c> timeout, measured on the monotonic
/// clock of <see cref="Stopwatch"/>, not on a <see cref="TimeProvider"/>, because the kernel does the waiting. One
/// read at a time: the RTU bus runs one transaction at a time. Writes go straight to the kernel from the caller.
/// </remarks>
internal sealed class LinuxSerialStream : Stream, ITimedReadStream, IValueTaskSource<int>
{
    /// <summary>How often a write blocked by a full output buffer checks for cancellation and close.</summary>
    private const int WriteWaitMilliseconds = 100;

    private readonly SafeFileDescriptor _port;
    private readonly SafeFileDescriptor _wake;
    private readonly string _portName;
    private readonly Thread _reader;

    /// <summary>The completion of the waiting read, reset for each read that waits. Continuations run on the thread pool.</summary>
    private ManualResetValueTaskSourceCore<int> _completion = new() { RunContinuationsAsynchronously = true };

    private Memory<byte> _readBuffer;

    /// <summary>End of the pending read's wait as a <see cref="Stopwatch"/> timestamp, <see cref="long.MaxValue"/> for none.</summary>
    private long _readDeadline;

    private CancellationToken _readToken;
    private CancellationTokenRegistration _readRegistration;

    /// <summary>1 from the start of a read until its caller takes the result.</summary>
    private int _readBusy;

    /// <summary>
    /// 1 while a read waits for the reader thread. The caller sets it, and the thread that completes the read clears it
    /// with an exchange, so a read that races with the close is completed once.
    /// </summary>
    private int _readPosted;

    private volatile bool _cancelRequested;
    private volatile bool _closing;

    /// <summary>The error of a failed <c>ppoll</c>, after which the reader thread stopped. Every later read throws it.</summary>
    private volatile Exception? _readerFault;

    private int _disposed;

    private LinuxSerialStream(SafeFileDescriptor port, SafeFileDescriptor wake, string portName)
    {
        _port = port;
        _wake = wake;
        _portName = portName;
        _reader = new Thread(RunReader) { IsBackground = true, Name = "serial " + Path.GetFileName(portName) };
        _reader.Start();
    }

    /// <summary>True until the reader thread has ended, which it does when the port closes.</summary>
    internal bool IsReaderRunning => _reader.IsAlive;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Opens <paramref name="portName"/> (O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC), locks it against other programs
    /// with <c>flock</c>, sets raw mode and the character format, and drops what the line received before. Throws
    /// <see cref="SerialPortException"/> that names the port and the fix: missing device, permission, port in use,
    /// not a serial port, unsupported baud rate.
    /// </summary>
    public static LinuxSerialStream Open(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        var fd = LinuxSerialInterop.Open(portName, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
        {
            throw SerialPortException.FromErrno(portName, "open", Marshal.GetLastPInvokeError());
        }

        var port = new SafeFileDescriptor(fd);
        SafeFileDescriptor? wake = null;
        try
        {
            // tcgetattr comes first, so a regular file or a non-tty device gets the "not a serial port" error.
            LinuxSerialSettings.Apply(port, portName, baudRate, parity, dataBits, stopBits);
            if (Flock(port, LOCK_EX | LOCK_NB) != 0)
            {
                throw SerialPortException.FromErrno(portName, "flock", Marshal.GetLastPInvokeError());
            }

            if (TcFlush(port, TCIFLUSH) != 0)
            {
                throw SerialPortException.Failed(portName, "tcflush", Marshal.GetLastPInvokeError());
            }

            var wakeFd = EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (wakeFd < 0)
            {
                throw SerialPortException.Failed(portName, "eventfd", Marshal.GetLastPInvokeError());
            }

            wake = new SafeFileDescriptor(wakeFd);
            return new LinuxSerialStream(port, wake, portName);
        }
        catch
        {
            wake?.Dispose();
            port.Dispose();
            throw;
        }
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_readerFault is { } fault)
        {
            return ValueTask.FromException<int>(fault);
        }

        if (Interlocked.Exchange(ref _readBusy, 1) != 0)
        {
            throw new InvalidOperationException($"A read is already waiting on serial port {_portName}. The port serves one read at a time.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _readBusy, 0);
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (buffer.IsEmpty)
        {
            Volatile.Write(ref _readBusy, 0);
            return new ValueTask<int>(0);
        }

        // Bytes the kernel has already received are returned at once, without a trip through the reader thread.
        var read = ReadNow(buffer.Span, out var error);
        if (read != 0 || error is not null || timeout == TimeSpan.Zero)
        {
            Volatile.Write(ref _readBusy, 0);
            if (error is not null)
            {
                return ValueTask.FromException<int>(error);
            }

            return new ValueTask<int>(read == 0 ? -1 : read);
        }

        _readBuffer = buffer;
        _readDeadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _readToken = cancellationToken;
        _cancelRequested = false;
        _completion.Reset();

        // The registration's node is reused by the token's source, so a read that waits allocates nothing here either.
        _readRegistration = cancellationToken.UnsafeRegister(static state => ((LinuxSerialStream)state!).RequestCancel(), this);
        var version = _completion.Version;
        Interlocked.Exchange(ref _readPosted, 1);
        if (Volatile.Read(ref _disposed) != 0)
        {
            // The port closed meanwhile, so the reader thread may be gone: end the read here.
            Complete(0, ClosedWhileWaiting());
        }
        else
        {
            Wake();
        }

        return new ValueTask<int>(this, version);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadUntilBytesAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadUntilBytesAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = ReadUntilBytesAsync(buffer.AsMemory(offset, count), CancellationToken.None);
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    public void DiscardInput()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (TcFlush(_port, TCIFLUSH) != 0)
        {
            throw SerialPortException.Failed(_portName, "tcflush", Marshal.GetLastPInvokeError());
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count), CancellationToken.None);

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer, CancellationToken.None);

    /// <summary>
    /// Writes synchronously. An RTU frame (at most 256 bytes) fits in the tty's output buffer of a few kilobytes, so the
    /// write waits only when the buffer is still full from earlier writes that the line has not sent.
    /// </summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            Write(buffer.Span, cancellationToken);
            return ValueTask.CompletedTask;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return ValueTask.FromException(exception);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Does nothing: a write hands its bytes to the kernel, which sends them without a flush.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    int IValueTaskSource<int>.GetResult(short token)
    {
        try
        {
            return _completion.GetResult(token);
        }
        finally
        {
            Volatile.Write(ref _readBusy, 0);
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// Stops the reader thread, which ends a waiting read with <see cref="ObjectDisposedException"/>, then closes the
    /// tty (releasing its lock) and the eventfd.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _closing = true;
            Wake();
            if (Thread.CurrentThread != _reader)
            {
                _reader.Join();
            }

            // A read posted after the thread's last check is ended here. Complete ignores a read that has already ended.
            Complete(0, ClosedWhileWaiting());
            _wake.Dispose();
            _port.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read without a timeout: waits until bytes arrive, so it never returns the timeout's -1.</summary>
    private ValueTask<int> ReadUntilBytesAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        ReadAsync(buffer, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// One non-blocking <c>read</c>: the byte count, 0 when nothing is there yet, or an error. A hang-up (the adapter
    /// unplugged, the other end of a pty closed) is <see cref="SerialPortException"/>, because a tty that reads 0 bytes
    /// or EIO will not deliver again.
    /// </summary>
    private unsafe int ReadNow(Span<byte> buffer, out Exception? error)
    {
        error = null;
        while (true)
        {
            nint read;
            fixed (byte* pointer = buffer)
            {
                read = LinuxSerialInterop.Read(_port, pointer, buffer.Length);
            }

            if (read > 0)
            {
                return (int)read;
            }

            var errno = read == 0 ? EIO : Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case EINTR:
                    continue;
                case EAGAIN:
                    return 0;
                case EIO:
                    error = SerialPortException.HungUp(_portName);
                    return 0;
                default:
                    error = SerialPortException.Failed(_portName, "read", errno);
                    return 0;
            }
        }
    }

    private unsafe void Write(ReadOnlySpan<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (!buffer.IsEmpty)
        {
            nint written;
            fixed (byte* pointer = buffer)
            {
                written = LinuxSerialInterop.Write(_port, pointer, buffer.Length);
            }

            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case EINTR:
                    continue;
                case EAGAIN:
                    WaitWritable(cancellationToken);
                    continue;
                case EIO:
                    throw SerialPortException.HungUp(_portName);
                default:
                    throw SerialPortException.Failed(_portName, "write", errno);
            }
        }
    }

    /// <summary>Waits for room in the output buffer, in slices so that cancellation and close are seen.</summary>
    private unsafe void WaitWritable(CancellationToken cancellationToken)
    {
        var poll = new PollFd { Fd = _port.Fd, Events = POLLOUT };
        var slice = new Timespec { Seconds = 0, Nanoseconds = WriteWaitMilliseconds * 1_000_000 };
        while (PPoll(&poll, 1, &slice, 0) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_closing, this);
        }
    }

    private void RequestCancel()
    {
        _cancelRequested = true;
        Wake();
    }

    /// <summary>Adds 1 to the eventfd's counter, which makes it readable and so ends the reader thread's <c>ppoll</c>.</summary>
    private unsafe void Wake()
    {
        ulong one = 1;
        try
        {
            LinuxSerialInterop.Write(_wake, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The port closed, and the close ends any waiting read itself. A cancellation callback must not throw.
        }
    }

    /// <summary>Reads the eventfd's counter back to 0, so the next <c>ppoll</c> waits again.</summary>
    private unsafe void ResetWake()
    {
        ulong count;
        LinuxSerialInterop.Read(_wake, (byte*)&count, sizeof(ulong));
    }

    /// <summary>
    /// The reader thread: waits until a read is posted, then until its bytes arrive, its timeout passes, its token is
    /// cancelled or the port closes, and completes it. It ends when the port closes.
    /// </summary>
    private unsafe void RunReader()
    {
        var fds = stackalloc PollFd[2];
        while (true)
        {
            // The flags are checked after the eventfd was reset and before ppoll, so a wake-up is never lost,
            // because each flag is set before its wake-up is written.
            if (_closing)
            {
                Complete(0, ClosedWhileWaiting());
                return;
            }

            var posted = Volatile.Read(ref _readPosted) == 1;
            if (posted && _cancelRequested)
            {
                Complete(0, new OperationCanceledException(_readToken));
                continue;
            }

            fds[0] = new PollFd { Fd = _wake.Fd, Events = POLLIN };

            // A negative descriptor is ignored by ppoll, so a hung-up tty cannot spin the loop while no read waits.
            fds[1] = new PollFd { Fd = posted ? _port.Fd : -1, Events = POLLIN };
            Timespec timeout;
            var timeoutPointer = (Timespec*)null;
            if (posted && _readDeadline != long.MaxValue)
            {
                var remaining = Math.Max(0, _readDeadline - Stopwatch.GetTimestamp());
                timeout = new Timespec
                {
                    Seconds = (nint)(remaining / Stopwatch.Frequency),
                    Nanoseconds = (nint)(remaining % Stopwatch.Frequency * 1_000_000_000 / Stopwatch.Frequency),
                };
                timeoutPointer = &timeout;
            }

            if (PPoll(fds, 2, timeoutPointer, 0) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                _readerFault = SerialPortException.Failed(_portName, "ppoll", errno);
                Complete(0, _readerFault);
                return;
            }

            if ((fds[0].ReturnedEvents & POLLIN) != 0)
            {
                ResetWake();
            }

            if (posted)
            {
                CompleteIfDone(fds[1].ReturnedEvents != 0);
            }
        }
    }

    /// <summary>Completes the posted read when its bytes arrived or its timeout passed.</summary>
    private void CompleteIfDone(bool readable)
    {
        if (readable)
        {
            var read = ReadNow(_readBuffer.Span, out var error);
            if (read > 0 || error is not null)
            {
                Complete(read, error);
                return;
            }
        }

        if (_readDeadline != long.MaxValue && Stopwatch.GetTimestamp() >= _readDeadline)
        {
            Complete(-1, null);
        }
    }

    private ObjectDisposedException ClosedWhileWaiting() => new(_portName, "The serial port was closed while a read waited.");

    /// <summary>Completes the posted read, unless none is posted or another thread completed it first.</summary>
    private void Complete(int result, Exception? error)
    {
        if (Interlocked.Exchange(ref _readPosted, 0) == 0)
        {
            return;
        }

        // Dispose waits for a cancellation callback that is running, so none can reach the next read.
        _readRegistration.Dispose();
        _readRegistration = default;
        _readBuffer = default;
        _readToken = default;
        if (error is null)
        {
            _completion.SetResult(result);
        }
        else
        {
            _completion.SetException(error);
        }
    }
}
