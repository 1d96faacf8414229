using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

public sealed class InstanceLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-lock-").FullName;

    [Fact]
    public void SecondAcquire_FailsWhileFirstHeld()
    {
        Assert.True(InstanceLock.TryAcquire(_directory, out var first));
        using (first)
        {
            Assert.False(InstanceLock.TryAcquire(_directory, out var second));
            Assert.Null(second);
        }
    }

    [Fact]
    public void Acquire_SucceedsAfterRelease()
    {
        Assert.True(InstanceLock.TryAcquire(_directory, out var first));
        first!.Dispose();

        Assert.True(InstanceLock.TryAcquire(_directory, out var again));
        again!.Dispose();
    }

    [Fact]
    public void HeldLock_BlocksEvenReaders()
    {
        var path = Path.Combine(_directory, InstanceLock.FileName);
        Assert.True(InstanceLock.TryAcquire(_directory, out var held));
        using (held)
        {
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }

        // After release the file names the process that held it, for a technician who finds it.
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
