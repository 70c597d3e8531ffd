using System.Collections.Concurrent;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>
/// Serves one EROFS image read-only over FUSE through <see cref="ErofsImage"/>. Node ids derive from
/// nids (see <see cref="NodeTable"/>); names and attributes are cached by the kernel for a long time;
/// file pages stay cached across opens. A damaged inode, directory or extent answers EIO for that
/// file only, and is reported once.
/// </summary>
public sealed partial class ErofsFileSystem : IFuseFileSystem
{
    /// <summary>Listings kept: walkers (tar, find) read one directory at a time, a few interleaved at most.</summary>
    public const int ListingCacheSize = 16;

    private readonly ErofsImage _image;
    private readonly ErofsFileSystemOptions _options;
    private readonly NodeTable _nodes;
    private readonly DirectoryListingCache _listings;
    private readonly ConcurrentDictionary<ulong, byte> _reportedDamage = new();

    /// <summary>Serves <paramref name="image"/>, which the caller keeps owning.</summary>
    public ErofsFileSystem(ErofsImage image, ErofsFileSystemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        _options = options ?? new ErofsFileSystemOptions();
        _nodes = new NodeTable(image);
        _listings = new DirectoryListingCache(image, ListingCacheSize);
    }

    /// <summary>What INIT agreed, once the mount is up.</summary>
    public FuseConnection? Connection { get; private set; }

    /// <summary>Nodes the kernel holds lookups on (they return to 0 as the kernel forgets).</summary>
    public int LiveNodes => _nodes.Count;

    // Whether OPEN may be answered ENOSYS: the kernel supports it, and no file will need passthrough
    // (that flag comes with OPEN's reply, and ENOSYS stops OPEN for every file of the mount).
    private bool KernelOpensFiles => !Sharing && Connection is { } c && (c.Offered & FuseInitFlags.NoOpenSupport) != 0;

    /// <summary>Directory listings kept for READDIR (at most <see cref="ListingCacheSize"/>).</summary>
    public int CachedListings => _listings.Count;

    /// <summary>Files whose damage was reported (and answered with EIO).</summary>
    public int DamagedFiles => _reportedDamage.Count;

    /// <inheritdoc />
    public void Initialized(FuseConnection connection) => Connection = connection;

    /// <inheritdoc />
    public void Forget(ulong node, ulong count) => _nodes.Forget(node, count);

    /// <inheritdoc />
    public int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout)
    {
        attributes = default;
        timeout = _options.CacheTimeout;
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        attributes = InodeAttributes.Of(inode, _image.BlockSize);
        return Errno.Ok;
    }

    /// <inheritdoc />
    public int StatFs(in FuseContext context, ulong node, out FuseStatFs stats)
    {
        var sb = _image.Superblock;
        ulong extra = 0;
        foreach (var device in _image.Devices)
            extra += device.Blocks;
        stats = new FuseStatFs
        {
            Blocks = sb.Blocks + extra,
            Files = sb.InodeCount,
            BlockSize = (uint)_image.BlockSize,
            FragmentSize = (uint)_image.BlockSize,
            MaxNameLength = 255,
        };
        return Errno.Ok;
    }

    /// <inheritdoc />
    public int Access(in FuseContext context, ulong node, int mask)
    {
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        return AccessCheck.Check(inode, context.Uid, context.Gid, mask);
    }

    // The inode of a node, or the errno to answer: EIO when damaged, ENOENT for unknown node ids.
    private bool TryInode(ulong node, out InodeInfo inode, out int errno)
    {
        try
        {
            inode = _nodes.Inode(node);
            errno = Errno.Ok;
            return true;
        }
        catch (KeyNotFoundException)
        {
            inode = null!;
            errno = Errno.ENOENT;
            return false;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            inode = null!;
            errno = Damaged(_nodes.TryNidOf(node, out ulong nid) ? nid : 0, e);
            return false;
        }
    }

    /// <summary>Errors that mean "this part of the image cannot be read", answered with EIO.</summary>
    private static bool IsImageFault(Exception e) => e is ErofsContentException or IOException or NotSupportedException;

    private int Damaged(ulong nid, Exception e)
    {
        if (_reportedDamage.TryAdd(nid, 0))
            _options.Log?.Invoke($"nid {nid}: {(e is ErofsContentException ? "corrupted" : "unreadable")}: {e.Message}");
        return Errno.EIO;
    }
}
