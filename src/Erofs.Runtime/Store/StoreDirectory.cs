using System.Globalization;
using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// A directory of the store, held open by descriptor for as long as the store is used. Every name below
/// it is resolved once, relative to this descriptor, without following symlinks; so once a directory is
/// checked (<see cref="Check"/>), renaming or replacing anything above it changes nothing we read.
/// </summary>
/// <remarks>
/// The rule (as OpenSSH checks its paths): a directory that leads to an object belongs to root or to this
/// process's user and is not writable by group or others, except a sticky directory (an ancestor of the
/// store, or the store itself) whose entries only their owners can rename or remove.
/// </remarks>
internal sealed class StoreDirectory : IDisposable
{
    private const ushort GroupOrOtherWrite = 0x12, Sticky = 0x200;
    private const uint PrivateDirectoryMode = 0x1C0; // 0700

    private readonly SafeFileHandle _handle;

    private StoreDirectory(SafeFileHandle handle, string path, StoreStatx stat)
    {
        _handle = handle;
        Path = path;
        Stat = stat;
    }

    /// <summary>The path the directory had when it was opened (for messages only: never opened again by name).</summary>
    public string Path { get; }

    /// <summary>Its status when it was opened and checked.</summary>
    public StoreStatx Stat { get; }

    /// <summary>The descriptor number; never a closed one (whose number another file may have taken since).</summary>
    public int Fd => _handle.IsClosed ? throw new ObjectDisposedException(Path) : StoreFile.Fd(_handle);

    /// <summary>
    /// Opens <paramref name="path"/> (made absolute, symlinks resolved once) component by component from
    /// <c>/</c>, checking each directory on the way, the last one with <paramref name="lastMaySticky"/>.
    /// </summary>
    /// <exception cref="IOException">A directory on the way is missing, a symlink, or changeable by another user.</exception>
    public static StoreDirectory OpenPath(string path, bool lastMaySticky)
    {
        string full = System.IO.Path.GetFullPath(path);
        // Symlinks above the store are resolved once, here (the checks below then hold for what they named);
        // the store itself must be a real directory.
        if (IsSymlink(Libc.AtFdCwd, full.TrimEnd('/')))
            throw new IOException($"store directory '{full}' is a symlink: refusing to share through it", Libc.ELoop);
        string resolved = RealPath(full);
        var current = OpenChecked(Libc.AtFdCwd, "/", "/", allowSticky: true);
        foreach (string name in resolved.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string childPath = current.Path == "/" ? "/" + name : current.Path + "/" + name;
            bool isLast = childPath.Length == resolved.TrimEnd('/').Length;
            try
            {
                var child = OpenChecked(current.Fd, name, childPath, allowSticky: !isLast || lastMaySticky);
                current.Dispose();
                current = child;
            }
            catch
            {
                current.Dispose();
                throw;
            }
        }
        return current;
    }

    /// <summary>Wraps an already opened directory without checking it (to remove what quarantine holds).</summary>
    public static StoreDirectory Adopt(SafeFileHandle handle, string path) => new(handle, path, StoreFile.Stat(handle, path));

    /// <summary>Opens (creating it, mode 0700, when <paramref name="create"/>) the subdirectory <paramref name="name"/> and checks it; null when it is missing and not created.</summary>
    /// <exception cref="IOException">It is a symlink or not a directory, changeable by another user, or cannot be made.</exception>
    public StoreDirectory? OpenChild(string name, bool create)
    {
        try
        {
            return OpenChecked(Fd, name, Combine(name), allowSticky: false);
        }
        catch (IOException e) when (e.HResult == Libc.ENoEnt)
        {
            if (!create)
                return null;
        }
        // Missing: make it (another process may make it first) and open what is there now.
        if (Libc.Mkdirat(Fd, name, PrivateDirectoryMode) != 0 && Marshal.GetLastPInvokeError() is int errno && errno != Libc.EExist)
            throw StoreFile.Error("create directory", Combine(name), errno);
        return OpenChecked(Fd, name, Combine(name), allowSticky: false);
    }

    /// <summary>
    /// Opens the entry <paramref name="name"/> (never through a symlink, and without waiting: a FIFO planted
    /// under an object's name must not hang the daemon; it fails the checks that follow); null when it does
    /// not exist.
    /// </summary>
    /// <exception cref="IOException">It exists but cannot be opened (ELOOP: it is a symlink).</exception>
    public SafeFileHandle? OpenFileOrNull(string name, int flags, uint mode = 0)
    {
        int fd = Libc.Openat(Fd, name, flags | Libc.ONoFollow | Libc.ONonBlock | Libc.OCloExec, mode);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? null : throw StoreFile.Error("open", Combine(name), errno);
    }

    /// <summary>An unnamed file in this directory (O_TMPFILE, mode 0600), or null where the file system refuses them.</summary>
    /// <exception cref="IOException">The file cannot be created for another reason.</exception>
    public SafeFileHandle? CreateUnnamedOrNull()
    {
        int fd = Libc.Openat(Fd, ".", Libc.OTmpFile | Libc.ORdWr | Libc.OCloExec, 0x180);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        return errno is Libc.EOpNotSupp or Libc.EIsDir ? null : throw StoreFile.Error("create a file in", Path, errno);
    }

    /// <summary>Status of the entry <paramref name="name"/> itself (a symlink is not followed); null when missing.</summary>
    public unsafe StoreStatx? StatEntryOrNull(string name)
    {
        StoreStatx buffer;
        if (Libc.Statx(Fd, name, Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &buffer) == 0)
            return buffer;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? null : throw StoreFile.Error("stat", Combine(name), errno);
    }

    /// <summary>
    /// Links the open file <paramref name="file"/> here as <paramref name="name"/>: the very inode the
    /// descriptor names, whatever any path names now. Returns 0 or the errno (EEXIST: the name is taken).
    /// </summary>
    public int Link(SafeFileHandle file, string name)
    {
        // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; the /proc magic link names the same inode for anyone.
        if (Libc.Linkat(StoreFile.Fd(file), "", Fd, name, Libc.AtEmptyPath) == 0)
            return 0;
        int errno = Marshal.GetLastPInvokeError();
        if (errno is not (Libc.ENoEnt or Libc.EPerm))
            return errno;
        string magic = "/proc/self/fd/" + StoreFile.Fd(file).ToString(CultureInfo.InvariantCulture);
        return Libc.Linkat(Libc.AtFdCwd, magic, Fd, name, Libc.AtSymlinkFollow) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Removes the entry <paramref name="name"/> (a file, or an empty directory with <paramref name="directory"/>); false when it was already gone.</summary>
    public bool Remove(string name, bool directory = false)
    {
        if (Libc.Unlinkat(Fd, name, directory ? Libc.AtRemoveDir : 0) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? false : throw StoreFile.Error("remove", Combine(name), errno);
    }

    /// <summary>Moves the entry <paramref name="name"/> into <paramref name="target"/> as <paramref name="newName"/> (never replacing); false when it was gone.</summary>
    public bool MoveTo(string name, StoreDirectory target, string newName)
    {
        if (Libc.Renameat2(Fd, name, target.Fd, newName, Libc.RenameNoReplace) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? false : throw StoreFile.Error("move", Combine(name), errno);
    }

    /// <summary>Sets the entry's access and modification time to now; false when it does not exist.</summary>
    public unsafe bool TryTouchNow(string name)
    {
        if (Libc.Utimensat(Fd, name, null, Libc.AtSymlinkNoFollow) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? false : throw StoreFile.Error("set the time of", Combine(name), errno);
    }

    /// <summary>The names in this directory (read through this descriptor's /proc link, which names this very directory).</summary>
    public IEnumerable<string> Names()
    {
        string self = "/proc/self/fd/" + Fd.ToString(CultureInfo.InvariantCulture);
        GC.KeepAlive(this);
        return Directory.EnumerateFileSystemEntries(self).Select(System.IO.Path.GetFileName).OfType<string>();
    }

    /// <summary>syncfs: everything written on this directory's file system reaches the disk.</summary>
    public void SyncFileSystem()
    {
        if (Libc.Syncfs(Fd) != 0)
            throw StoreFile.Error("sync the file system of", Path, Marshal.GetLastPInvokeError());
    }

    /// <summary>The path of an entry, for messages.</summary>
    public string Combine(string name) => Path == "/" ? "/" + name : Path + "/" + name;

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// Refuses a directory another user could change: owned by someone other than root or this user, or
    /// writable by group or others without the sticky bit (when <paramref name="allowSticky"/>).
    /// </summary>
    /// <exception cref="IOException">The message names the directory, its owner and its mode.</exception>
    public static void Check(in StoreStatx stat, string path, bool allowSticky)
    {
        uint self = Libc.EffectiveUid;
        string mode = Convert.ToString(stat.Mode & 0xFFF, 8).PadLeft(4, '0');
        if (stat.Uid != self && stat.Uid != 0)
            throw new IOException($"store directory '{path}' belongs to uid {stat.Uid} (mode {mode}), not to root or this user ({self}): refusing to share through it");
        if ((stat.Mode & GroupOrOtherWrite) != 0 && !(allowSticky && (stat.Mode & Sticky) != 0))
            throw new IOException($"store directory '{path}' (uid {stat.Uid}) is writable by group or others (mode {mode}): refusing to share through it");
    }

    private static StoreDirectory OpenChecked(int parentFd, string name, string path, bool allowSticky)
    {
        int fd = Libc.Openat(parentFd, name, Libc.ORdOnly | Libc.ODirectory | Libc.ONoFollow | Libc.OCloExec, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // O_NOFOLLOW|O_DIRECTORY on a symlink: ELOOP, or ENOTDIR on some file systems.
            if (errno is Libc.ELoop or Libc.ENotDir && IsSymlink(parentFd, name))
                throw new IOException($"store directory '{path}' is a symlink: refusing to share through it", Libc.ELoop);
            throw StoreFile.Error("open directory", path, errno);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var stat = StoreFile.Stat(handle, path);
            Check(stat, path, allowSticky);
            return new StoreDirectory(handle, path, stat);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static unsafe bool IsSymlink(int parentFd, string name)
    {
        StoreStatx buffer;
        return Libc.Statx(parentFd, name, Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &buffer) == 0
            && (buffer.Mode & Libc.TypeMask) == Libc.TypeSymlink;
    }

    private static string RealPath(string path)
    {
        nint resolved = Libc.Realpath(path, 0);
        if (resolved == 0)
            throw StoreFile.Error("resolve", path, Marshal.GetLastPInvokeError());
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Libc.Free(resolved);
        }
    }
}
