using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// The TCP connection to a converter that tunnels raw RTU frames, with timed reads whose waits allocate nothing, so
/// the frame reader can wait for the end-of-frame silence as it does on the Linux serial port.
/// </summary>
/// <remarks>
/// One socket receive at a time runs on one reused <see cref="SocketAsyncEventArgs"/> into the stream's own buffer. A
/// read takes what that buffer holds. Otherwise it waits for the receive through one reusable
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/>, with one reusable timer from the bus's
/// <see cref="TimeProvider"/> for its timeout. A read that times out or is cancelled leaves the receive running, and
/// the bytes it brings stay in the buffer for the next read, so none is lost. The socket's end or error is reported
/// only after the bytes before it were read. One read at a time, as the RTU bus runs one transaction at a time.
/// Writes go through a <see cref="NetworkStream"/> on the same socket, whose writes allocate nothing either.
/// </remarks>
internal sealed class RtuTunnelStream : Stream, ITimedReadStream, IValueTaskSource<int>
{
    /// <summary>Bytes one socket receive takes: four of the largest RTU frames, so a burst of noise needs few receives.</summary>
    private const int ReceiveBufferLength = 4 * RtuFrameReader.MaxFrameLength;

    private readonly Socket _socket;
    private readonly NetworkStream _writer;
    private readonly string _name;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly SocketAsyncEventArgs _receive;
    private readonly byte[] _received = new byte[ReceiveBufferLength];

    /// <summary>Guards the fields below, which the caller, the receive's completion, the timer and the token's callback share.</summary>
    private readonly Lock _lock = new();

    /// <summary>The completion of the waiting read, reset for each read that waits. Continuations run on the thread pool.</summary>
    private ManualResetValueTaskSourceCore<int> _completion = new() { RunContinuationsAsynchronously = true };

    private int _receivedOffset;
    private int _receivedCount;

    /// <summary>True while a socket receive runs. A waiting read always has one running.</summary>
    private bool _receiving;

    /// <summary>True once a receive returned 0 bytes: the converter closed the connection.</summary>
    private bool _ended;

    /// <summary>The error of a failed receive. Every read after the bytes before it throws it.</summary>
    private Exception? _receiveError;

    /// <summary>True from the start of a read until its caller takes the result.</summary>
    private bool _readBusy;

    /// <summary>True while a read waits for the receive, its timeout or its token.</summary>
    private bool _waiting;

    private Memory<byte> _readBuffer;
    private long _readStarted;
    private TimeSpan _readTimeout;
    private CancellationToken _readToken;
    private CancellationTokenRegistration _readRegistration;
    private bool _disposed;

    public RtuTunnelStream(Socket socket, TimeProvider timeProvider, string name)
    {
        _socket = socket;
        _writer = new NetworkStream(socket, ownsSocket: true);
        _name = name;
        _timeProvider = timeProvider;
        _timer = timeProvider.CreateTimer(
            static state => ((RtuTunnelStream)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // The receive's callback needs no execution context, and capturing none keeps each receive free of allocations.
        _receive = new SocketAsyncEventArgs(unsafeSuppressExecutionContextFlow: true);
        _receive.SetBuffer(_received);
        _receive.Completed += static (_, args) => ((RtuTunnelStream)args.UserToken!).OnReceiveCompleted();
        _receive.UserToken = this;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_readBusy)
            {
                throw new InvalidOperationException($"A read is already waiting on the RTU tunnel {_name}. The tunnel serves one read at a time.");
            }

            if (buffer.IsEmpty)
            {
                return new ValueTask<int>(0);
            }

            while (true)
            {
                if (TryTake(buffer.Span, out var taken, out var error))
                {
                    return error is null ? new ValueTask<int>(taken) : ValueTask.FromException<int>(error);
                }

                if (!_receiving)
                {
                    StartReceive();
                    continue; // a receive that completed at once left its bytes, end or error to take
                }

                if (timeout == TimeSpan.Zero)
                {
                    return new ValueTask<int>(-1);
                }

                return Wait(buffer, timeout, cancellationToken);
            }
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadAsync(buffer, Timeout.InfiniteTimeSpan, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), Timeout.InfiniteTimeSpan, cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = ReadAsync(buffer.AsMemory(offset, count), Timeout.InfiniteTimeSpan, CancellationToken.None);
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Drops the bytes received and not yet read: those in the stream's buffer, and those in the kernel unless a receive runs.</summary>
    public void DiscardInput()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _receivedCount = 0;
            if (_receiving)
            {
                return; // the running receive brings what the kernel has, and the frame reader skips stale bytes as noise
            }

            try
            {
                while (_socket.Available > 0)
                {
                    _socket.Receive(_received, SocketFlags.None);
                }
            }
            catch (SocketException exception)
            {
                _receiveError ??= ReceiveFailed(exception.SocketErrorCode);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => _writer.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _writer.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _writer.WriteAsync(buffer, offset, count, cancellationToken);

    /// <summary>Does nothing: a write hands its bytes to the socket, which sends them without a flush.</summary>
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
            // Dispose waits for a cancellation callback that is running, so none can reach the next read.
            _readRegistration.Dispose();
            _readRegistration = default;
            lock (_lock)
            {
                _readBusy = false;
            }
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// Closes the socket, which ends the running receive, and ends a waiting read with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && MarkDisposed())
        {
            _writer.Dispose();
            _timer.Dispose();

            // A receive still running frees the arguments when it ends.
            _receive.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Marks the stream closed and ends a waiting read. False when it was closed before.</summary>
    private bool MarkDisposed()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            CompleteWait(0, ClosedWhileWaiting());
            return true;
        }
    }

    /// <summary>
    /// Moves buffered bytes into <paramref name="destination"/>, or reports the end (0) or the error of the connection
    /// once no bytes are left before it. False when there is nothing to take yet.
    /// </summary>
    private bool TryTake(Span<byte> destination, out int taken, out Exception? error)
    {
        error = null;
        if (_receivedCount > 0)
        {
            taken = Math.Min(_receivedCount, destination.Length);
            _received.AsSpan(_receivedOffset, taken).CopyTo(destination);
            _receivedOffset += taken;
            _receivedCount -= taken;
            return true;
        }

        taken = 0;
        if (_receiveError is not null)
        {
            error = _receiveError;
            return true;
        }

        return _ended;
    }

    /// <summary>Starts a receive into the empty buffer. When it completes at once, its outcome is stored before this returns.</summary>
    private void StartReceive()
    {
        _receiving = true;
        bool pending;
        try
        {
            pending = _socket.ReceiveAsync(_receive);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            _receiving = false;
            _receiveError = exception is SocketException socketException ? ReceiveFailed(socketException.SocketErrorCode) : exception;
            return;
        }

        if (!pending)
        {
            StoreReceived();
        }
    }

    /// <summary>Posts a read that waits for the running receive, for at most <paramref name="timeout"/>, until the token is cancelled.</summary>
    private ValueTask<int> Wait(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _readBusy = true;
        _waiting = true;
        _readBuffer = buffer;
        _readStarted = _timeProvider.GetTimestamp();
        _readTimeout = timeout;
        _readToken = cancellationToken;
        _completion.Reset();
        var version = _completion.Version;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        // A token cancelled by now runs the callback here, on this thread, which holds the lock already and may take it again.
        // The registration's node is reused by the token's source, so the wait allocates nothing here either.
        _readRegistration = cancellationToken.UnsafeRegister(static state => ((RtuTunnelStream)state!).OnCancelled(), this);
        return new ValueTask<int>(this, version);
    }

    private void OnReceiveCompleted()
    {
        lock (_lock)
        {
            StoreReceived();
            if (_waiting && TryTake(_readBuffer.Span, out var taken, out var error))
            {
                CompleteWait(taken, error);
            }
        }
    }

    /// <summary>Stores the outcome of the receive that just ended: its bytes, the connection's end or its error.</summary>
    private void StoreReceived()
    {
        _receiving = false;
        if (_receive.SocketError != SocketError.Success)
        {
            _receiveError = _disposed || _receive.SocketError == SocketError.OperationAborted
                ? ClosedWhileWaiting()
                : ReceiveFailed(_receive.SocketError);
            return;
        }

        if (_receive.BytesTransferred == 0)
        {
            _ended = true;
            return;
        }

        _receivedOffset = 0;
        _receivedCount = _receive.BytesTransferred;
    }

    /// <summary>
    /// Ends the waiting read with the timeout's -1 once its timeout has passed. The timer is never stopped for certain,
    /// so a tick can belong to an earlier read or come a fraction of a millisecond early: then it is armed again for
    /// the rest of the current wait.
    /// </summary>
    private void OnTimer()
    {
        lock (_lock)
        {
            if (!_waiting || _readTimeout == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var remaining = _readTimeout - _timeProvider.GetElapsedTime(_readStarted);
            if (remaining > TimeSpan.Zero)
            {
                _timer.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            CompleteWait(-1, null);
        }
    }

    private void OnCancelled()
    {
        lock (_lock)
        {
            if (_waiting)
            {
                CompleteWait(0, new OperationCanceledException(_readToken));
            }
        }
    }

    /// <summary>Completes the waiting read, if one waits. Called with the lock held.</summary>
    private void CompleteWait(int result, Exception? error)
    {
        if (!_waiting)
        {
            return;
        }

        _waiting = false;
        _readBuffer = default;
        _readToken = default;
        if (_readTimeout != Timeout.InfiniteTimeSpan && result != -1)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (error is null)
        {
            _completion.SetResult(result);
        }
        else
        {
            _completion.SetException(error);
        }
    }

    private IOException ReceiveFailed(SocketError error) =>
        new($"Receiving from the RTU tunnel {_name} failed: {error}.", new SocketException((int)error));

    private ObjectDisposedException ClosedWhileWaiting() => new(_name, "The RTU tunnel was closed while a read waited.");
}
