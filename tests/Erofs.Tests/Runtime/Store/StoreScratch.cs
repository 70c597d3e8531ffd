using System.Security.Cryptography;
using Erofs.Runtime.Store;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Erofs.Tests.Runtime.Store;

/// <summary>
/// A store in a fresh directory under the disk-backed temp dir (not tmpfs: fadvise DONTNEED cannot drop
/// tmpfs pages), deleted on dispose; plus helpers to make content and fingerprints.
/// </summary>
internal sealed class StoreScratch : IDisposable
{
    public StoreScratch(string domain = "test")
    {
        Root = Path.Combine(Path.GetTempPath(), "erofs-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Store = new ObjectStore(Root, domain);
    }

    public string Root { get; }

    public ObjectStore Store { get; }

    public static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static Fingerprint FingerprintOf(byte[] content) => Fingerprint.FromDigest(SHA256.HashData(content));

    /// <summary>Publishes <paramref name="content"/> under its true fingerprint, waits until it is linked, and returns that.</summary>
    public Fingerprint Publish(byte[] content)
    {
        var fingerprint = FingerprintOf(content);
        Assert.True(Store.Publish(new MemoryStream(content), fingerprint).Matched);
        Store.Flush();
        return fingerprint;
    }

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        Store.Dispose();
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
