namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>A file stream whose writes and reads first ask its <see cref="FailingDisk"/> whether to fail.</summary>
internal sealed class FailingFile : FileStream
{
    private readonly FailingDisk _disk;

    public FailingFile(FailingDisk disk, string path)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0)
    {
        _disk = disk;
    }

    // FileStream sends a derived class's span writes and reads to the array overloads, so those check.
    public override void Write(byte[] buffer, int offset, int count)
    {
        _disk.BeforeWrite(Name);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

    public override void WriteByte(byte value) => Write([value], 0, 1);

    public override int Read(byte[] buffer, int offset, int count)
    {
        _disk.BeforeRead(Name);
        return base.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        var bytes = new byte[buffer.Length];
        var read = Read(bytes, 0, bytes.Length);
        bytes.AsSpan(0, read).CopyTo(buffer);
        return read;
    }
}
