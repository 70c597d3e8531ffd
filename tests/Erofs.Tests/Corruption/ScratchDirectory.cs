namespace Erofs.Tests.Corruption;

/// <summary>
/// A temporary directory for extraction, deleted on dispose. Prefers tmpfs (/dev/shm): extracting
/// 3200 small files there takes ~0.1 s instead of seconds on a disk-backed /tmp.
/// </summary>
internal sealed class ScratchDirectory : IDisposable
{
    private const string Tmpfs = "/dev/shm";

    public ScratchDirectory()
    {
        string parent = Directory.Exists(Tmpfs) ? Tmpfs : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(parent, "erofs-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
