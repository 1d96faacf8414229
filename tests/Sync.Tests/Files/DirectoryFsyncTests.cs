using SmartCampus.Edge.Sync.Files;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;

namespace SmartCampus.Edge.Sync.Tests.Files;

/// <summary>
/// Whether a folder fsync reached the device cannot be seen without cutting the power; these tests check that the
/// call is made on a real folder after each rename or new file, and that a failure is thrown, not swallowed.
/// </summary>
public sealed class DirectoryFsyncTests
{
    [Fact]
    public void Flush_RealFolderCounted()
    {
        using var directory = new TempDirectory();
        var file = directory.File("site.yaml");
        File.WriteAllText(file, "a: 1\n");

        DirectoryFsync.FlushParentOf(file);
        DirectoryFsync.Flush(directory.Path + "/");

        Assert.Equal(2, DirectoryFsync.CountOf(directory.Path));
    }

    [Fact]
    public void Flush_MissingFolderThrows()
    {
        using var directory = new TempDirectory();
        var missing = directory.File("gone");

        var exception = Assert.Throws<IOException>(() => DirectoryFsync.Flush(missing));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, DirectoryFsync.CountOf(missing));
    }

    [Fact]
    public async Task Outbox_NewFilesAndCompactionFlushFolder()
    {
        using var context = new OutboxTestContext();
        var store = context.Open(options => options.CompactionInterval = TimeSpan.Zero);

        // The new data and log files, then the sequence ceiling file at the first append.
        var afterOpen = DirectoryFsync.CountOf(context.Directory.Path);
        Assert.True(afterOpen >= 1, "opening a new outbox did not fsync its folder");
        await store.AppendAsync(OutboxLane.Events, "online", OutboxTestContext.Json(1), CancellationToken.None);
        var afterAppend = DirectoryFsync.CountOf(context.Directory.Path);
        Assert.True(afterAppend > afterOpen, "creating the sequence ceiling file did not fsync the folder");

        await store.CompactAsync(CancellationToken.None);

        Assert.True(DirectoryFsync.CountOf(context.Directory.Path) > afterAppend, "the rename of the compacted file was not followed by a folder fsync");
        Assert.Single(store.PeekOldest(OutboxLane.Events, 10));
    }
}
