using Erofs.Fuse;
using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>A mounted image: the image, its file system and the FUSE session serving it.</summary>
public sealed class ErofsMount : IDisposable
{
    private ErofsMount(ErofsImage image, ErofsFileSystem fileSystem, FuseSession session)
    {
        Image = image;
        FileSystem = fileSystem;
        Session = session;
    }

    /// <summary>The open image.</summary>
    public ErofsImage Image { get; }

    /// <summary>The file system answering the kernel.</summary>
    public ErofsFileSystem FileSystem { get; }

    /// <summary>The FUSE session.</summary>
    public FuseSession Session { get; }

    /// <summary>
    /// Opens <paramref name="imagePath"/> (with the options' extra devices), mounts it read-only on
    /// <paramref name="mountPoint"/> and returns once the mount is ready.
    /// </summary>
    /// <exception cref="NotSupportedException">A sharing option was given (not supported yet), or the image uses an unsupported feature.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="IOException">The image or a device cannot be read, or the mount failed.</exception>
    public static ErofsMount Start(string imagePath, string mountPoint, ErofsMountOptions options, Action<string>? log = null, FuseMountMethod method = FuseMountMethod.Auto)
    {
        if (options.UsesSharing)
            throw new NotSupportedException("inode_share, domain_id, store, fingerprint and trust_fingerprints: sharing is not supported yet");
        var image = ErofsImage.Open(imagePath, new ReadOptions { DevicePaths = options.Devices, Conformance = ErofsConformance.Lax, Limits = options.Limits });
        try
        {
            var fileSystem = new ErofsFileSystem(image, new ErofsFileSystemOptions { Log = log });
            var sessionOptions = new FuseSessionOptions
            {
                Source = Path.GetFullPath(imagePath),
                Subtype = "erofs",
                Passthrough = options.Passthrough == PassthroughMode.Auto,
                MountMethod = method,
                Log = log,
            };
            var session = FuseSession.Mount(mountPoint, fileSystem, sessionOptions);
            return new ErofsMount(image, fileSystem, session);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Blocks until the mount goes away.</summary>
    public void WaitForExit() => Session.WaitForExit();

    /// <summary>Unmounts (if still mounted), stops serving and closes the image.</summary>
    public void Dispose()
    {
        Session.Dispose();
        Image.Dispose();
    }
}
