using Erofs.Fuse;
using Erofs.Reading;
using Erofs.Runtime.Sharing;
using Erofs.Runtime.Store;
using Erofs.Storage;

namespace Erofs.Runtime;

/// <summary>A mounted image: the image, its file system and the FUSE session serving it.</summary>
public sealed class ErofsMount : IDisposable
{
    private const int ImageCacheBytes = 4 << 20;
    private const int DeviceCacheBytes = 1 << 20;
    private readonly FileSharing? _sharing;

    private ErofsMount(ErofsImage image, ErofsFileSystem fileSystem, FuseSession session, FileSharing? sharing)
    {
        Image = image;
        FileSystem = fileSystem;
        Session = session;
        _sharing = sharing;
    }

    /// <summary>The open image.</summary>
    public ErofsImage Image { get; }

    /// <summary>The file system answering the kernel.</summary>
    public ErofsFileSystem FileSystem { get; }

    /// <summary>The FUSE session.</summary>
    public FuseSession Session { get; }

    /// <summary>Counters of this mount.</summary>
    public MountStatistics Statistics => FileSystem.Statistics;

    /// <summary>
    /// Opens <paramref name="imagePath"/> (with the options' extra devices), mounts it read-only on
    /// <paramref name="mountPoint"/> and returns once the mount is ready. With <c>inode_share</c>, the
    /// domain's store is opened (created if needed) now; files are linked to objects at their first open.
    /// </summary>
    /// <exception cref="NotSupportedException">The image uses an unsupported feature.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="IOException">The image, a device or the store cannot be used, or the mount failed.</exception>
    public static ErofsMount Start(string imagePath, string mountPoint, ErofsMountOptions options, Action<string>? log = null, FuseMountMethod method = FuseMountMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (image, identity) = OpenImage(imagePath, options);
        FileSharing? sharing = null;
        try
        {
            var statistics = new MountStatistics();
            sharing = options.InodeShare ? OpenSharing(imagePath, options, image, identity, statistics, log) : null;
            var fileSystem = new ErofsFileSystem(image, new ErofsFileSystemOptions { Log = log, Statistics = statistics, Sharing = sharing });
            var sessionOptions = new FuseSessionOptions
            {
                Source = Path.GetFullPath(imagePath),
                Subtype = "erofs",
                Passthrough = options.Passthrough == PassthroughMode.Auto,
                MountMethod = method,
                Log = log,
            };
            var session = FuseSession.Mount(mountPoint, fileSystem, sessionOptions);
            return new ErofsMount(image, fileSystem, session, sharing);
        }
        catch
        {
            sharing?.Dispose();
            sharing?.Store.Dispose();
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the image and its devices so that the daemon's reads leave nothing in the page cache: O_DIRECT
    /// (<see cref="UncachedFileSource"/>) behind a small bounded cache of its own (<see cref="CachedBlockSource"/>).
    /// The kernel keeps entries and attributes for long, so each inode is read about once; file data
    /// served through the daemon is cached in the FUSE file's page cache, shared files' data as objects.
    /// </summary>
    internal static (ErofsImage Image, ImageIdentity Identity) OpenImage(string imagePath, ErofsMountOptions options)
    {
        var primary = new UncachedFileSource(imagePath);
        var devices = new List<IBlockSource>();
        ImageIdentity identity;
        try
        {
            foreach (string device in options.Devices)
                devices.Add(new CachedBlockSource(new UncachedFileSource(device), capacityBytes: DeviceCacheBytes));
            // From the descriptor the daemon reads, so a rename of the path cannot mislead it.
            identity = options.InodeShare ? ImageIdentity.Of(primary.Handle) : default;
        }
        catch
        {
            primary.Dispose();
            devices.ForEach(d => d.Dispose());
            throw;
        }
        // The cache sits on the file, so its O_DIRECT units stay aligned whatever the offset.
        IBlockSource source = new CachedBlockSource(primary, capacityBytes: ImageCacheBytes);
        if (options.ImageOffset != 0)
        {
            try
            {
                source = new OffsetBlockSource(source, options.ImageOffset);
            }
            catch
            {
                source.Dispose();
                devices.ForEach(d => d.Dispose());
                throw;
            }
        }
        // Owns the sources from here, also when it fails.
        var image = ErofsImage.Open(source, new ReadOptions { Devices = devices, Conformance = ErofsConformance.Lax, Limits = options.Limits });
        return (image, identity);
    }

    private static FileSharing OpenSharing(string imagePath, ErofsMountOptions options, ErofsImage image, ImageIdentity identity, MountStatistics statistics, Action<string>? log)
    {
        if (options.DomainId is not { } domain)
            throw new ArgumentException("inode_share needs domain_id");
        var store = new ObjectStore(options.Store ?? ErofsMountOptions.DefaultStore, domain, log: log);
        var policy = new SharingPolicy(Path.GetFullPath(imagePath), options.TrustFingerprints, options.Fingerprint == FingerprintSource.Local,
            options.LeaseLinger ?? ErofsMountOptions.DefaultLeaseLinger);
        return new FileSharing(store, identity, image, policy, statistics, log);
    }

    /// <summary>Blocks until the mount goes away.</summary>
    public void WaitForExit() => Session.WaitForExit();

    /// <summary>Unmounts (if still mounted), stops serving, releases the store's leases and closes the image.</summary>
    public void Dispose()
    {
        Session.Dispose();
        _sharing?.Dispose();
        _sharing?.Store.Dispose();
        Image.Dispose();
    }
}
