using System.Globalization;
using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// The metadata images of the overlay backend: <c>meta/IDENTITY.vVERSION</c>, one per image version and
/// metadata format, 0444 like objects. Their lifetime rules (docs/lifetime.md): a metadata image is linked
/// only after every object it points at is linked and durable; a mount being prepared holds a shared flock
/// on <c>meta/</c> from before it publishes until the kernel holds the image open, and gc holds it
/// exclusively, so gc never sees a half-prepared mount; a metadata image some process (the kernel's
/// file-backed mount, in any mount namespace) holds open pins its objects, and gc tells that by failing to
/// take a write lease on it; gc removes an unpinned metadata image before any object it points at.
/// </summary>
public sealed partial class ObjectStore
{
    private const string MetadataDirectoryName = "meta";
    private const int FSetLease = 1024, LeaseWrite = 1, LeaseNone = 2;

    /// <summary>The name of the metadata image of <paramref name="image"/> in format <paramref name="version"/>.</summary>
    public static string MetadataImageName(ImageIdentity image, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{image.Key}.v{version}");

    /// <summary>
    /// Holds the domain for a mount being prepared (publishing, building its metadata image, mounting it):
    /// gc waits until every such hold is released. Dispose once the kernel holds the metadata image open.
    /// </summary>
    /// <exception cref="IOException">The store cannot be locked.</exception>
    public IDisposable HoldForMount() => LockMetadata(Libc.LockShared);

    /// <summary>
    /// Opens the metadata image <paramref name="name"/> read-only after the checks an object gets (a regular
    /// 0444 file of root or this user on the store's file system; anything else goes to quarantine); null
    /// when there is none.
    /// </summary>
    /// <exception cref="IOException">It exists but cannot be opened.</exception>
    public SafeFileHandle? OpenMetadataImage(string name)
    {
        var meta = _meta;
        SafeFileHandle? file;
        try
        {
            file = meta.OpenFileOrNull(name, Libc.ORdOnly);
        }
        catch (IOException e) when (e.HResult == Libc.ELoop)
        {
            Quarantine(meta, name, "a symlink");
            return null;
        }
        if (file is null)
            return null;
        if (ObjectFault(StoreFile.Stat(file, meta.Combine(name)), null) is { } fault)
        {
            file.Dispose();
            Quarantine(meta, name, fault);
            return null;
        }
        return file;
    }

    /// <summary>
    /// Writes a metadata image with <paramref name="write"/> (into an unnamed file of <c>tmp/</c>), makes it
    /// and every object published so far durable, and links it as <paramref name="name"/> (when another
    /// process linked one first, that one is kept: same input, same bytes). Returns it opened read-only.
    /// Call it while holding <see cref="HoldForMount"/>.
    /// </summary>
    /// <exception cref="IOException">The store cannot be written.</exception>
    public SafeFileHandle AddMetadataImage(string name, Action<SafeFileHandle> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var meta = _meta;
        Flush();
        using (var file = _temp.CreateUnnamedOrNull() ?? throw new IOException($"'{_temp.Path}': the file system cannot make unnamed files (O_TMPFILE)"))
        {
            write(file);
            if (Libc.Fchmod(StoreFile.Fd(file), ObjectPermissions) != 0)
                throw StoreFile.Error("set the mode of", meta.Combine(name), Marshal.GetLastPInvokeError());
            // One sync for the image and every object link before it: a metadata image that exists after a
            // crash never points at an object the crash lost.
            _temp.SyncFileSystem();
            int errno = meta.Link(file, name);
            if (errno is not (0 or Libc.EExist))
                throw StoreFile.Error("link metadata image", meta.Combine(name), errno);
        }
        return OpenMetadataImage(name) ?? throw new IOException($"'{meta.Combine(name)}' vanished as soon as it was written");
    }

    /// <summary>A new read-only descriptor of <c>objects/</c>, for the overlay's data-only layer.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    public SafeFileHandle OpenObjectsDirectory() => ReopenDirectory(_objects);

    /// <summary>
    /// True when some process holds the file open, which for a metadata image means a mount uses it: a write
    /// lease can be taken only on a file nobody else has open. Errors other than "taken" count as in use.
    /// </summary>
    private bool HeldOpenElsewhere(SafeFileHandle file, string path)
    {
        int fd = StoreFile.Fd(file);
        if (Libc.Fcntl(fd, FSetLease, LeaseWrite) == 0)
        {
            _ = Libc.Fcntl(fd, FSetLease, LeaseNone);
            return false;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno != Libc.EWouldBlock)
            _log?.Invoke($"store: cannot tell whether {path} is mounted (fcntl F_SETLEASE: {Marshal.GetPInvokeErrorMessage(errno)}): kept as if it were");
        return true;
    }

    private IDisposable LockMetadata(int operation)
    {
        var meta = _meta;
        // A descriptor of its own: flock belongs to the open file, and each hold must release only itself.
        var handle = ReopenDirectory(meta);
        try
        {
            StoreFile.Lock(handle, operation, meta.Path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle ReopenDirectory(StoreDirectory directory)
    {
        string magic = "/proc/self/fd/" + directory.Fd.ToString(CultureInfo.InvariantCulture);
        int fd = Libc.Open(magic, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0);
        GC.KeepAlive(directory);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw StoreFile.Error("open", directory.Path, Marshal.GetLastPInvokeError());
    }
}
