using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// Raw file calls for the store. Files are opened with open(2), not .NET's File APIs, because .NET
/// takes its own flock on every file it opens, which would be mistaken for a lease.
/// </summary>
internal static class StoreFile
{
    /// <summary>Opens read-only (close-on-exec); null when the file does not exist.</summary>
    public static SafeFileHandle? OpenReadOrNull(string path)
    {
        int fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec, 0);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? null : throw Error("open", path, errno);
    }

    /// <summary>Opens with the given flags and creation mode.</summary>
    public static SafeFileHandle Open(string path, int flags, uint mode)
    {
        int fd = Libc.Open(path, flags | Libc.OCloExec, mode);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Error("open", path, Marshal.GetLastPInvokeError());
    }

    /// <summary>flock; returns false only for a non-blocking request that would block.</summary>
    public static bool Lock(SafeFileHandle file, int operation, string path)
    {
        while (true)
        {
            if (Libc.Flock(Fd(file), operation) == 0)
                return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.EWouldBlock)
                return false;
            if (errno != Libc.EIntr)
                throw Error("lock", path, errno);
        }
    }

    /// <summary>Drops a file's clean pages in [offset, offset+length) from the page cache (length 0: to the end).</summary>
    public static void DropPages(SafeFileHandle file, long offset, long length) =>
        _ = Libc.PosixFadvise(Fd(file), offset, length, Libc.FadviseDontNeed);

    /// <summary>fsync, naming <paramref name="path"/> on failure.</summary>
    public static void Sync(SafeFileHandle file, string path)
    {
        if (Libc.Fsync(Fd(file)) != 0)
            throw Error("fsync", path, Marshal.GetLastPInvokeError());
    }

    /// <summary>unlink; a name that is already gone is not an error (another gc or publisher removed it).</summary>
    public static void Remove(string path)
    {
        if (Libc.Unlink(path) != 0 && Marshal.GetLastPInvokeError() is int errno && errno != Libc.ENoEnt)
            throw Error("remove", path, errno);
    }

    /// <summary>Sets access and modification time to now (futimens).</summary>
    public static unsafe void TouchNow(SafeFileHandle file, string path)
    {
        if (Libc.Futimens(Fd(file), null) != 0)
            throw Error("set the time of", path, Marshal.GetLastPInvokeError());
    }

    /// <summary>Sets access and modification time of <paramref name="path"/> to now; false when it does not exist.</summary>
    public static unsafe bool TryTouchNow(string path)
    {
        if (Libc.Utimensat(Libc.AtFdCwd, path, null, 0) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? false : throw Error("set the time of", path, errno);
    }

    /// <summary>fsync of a directory, so a link or unlink inside it survives a crash.</summary>
    public static void SyncDirectory(string path)
    {
        using var directory = Open(path, Libc.ORdOnly | Libc.ODirectory, 0);
        Sync(directory, path);
    }

    /// <summary>Bytes of the file resident in the page cache (cachestat), or null where the kernel lacks it.</summary>
    public static unsafe long? ResidentBytes(SafeFileHandle file)
    {
        var range = new Libc.CachestatRange();
        var result = new Libc.Cachestat();
        if (Libc.SyscallCachestat(Libc.SysCachestat, Fd(file), &range, &result, 0) != 0)
            return null;
        return (long)result.Cached * Environment.SystemPageSize;
    }

    /// <summary>statx of a path (following symlinks).</summary>
    public static unsafe StoreStatx Stat(string path)
    {
        StoreStatx buffer;
        if (Libc.Statx(Libc.AtFdCwd, path, 0, Libc.StatxBasicStats, &buffer) != 0)
            throw Error("stat", path, Marshal.GetLastPInvokeError());
        return buffer;
    }

    /// <summary>statx of a path (following symlinks); null when it does not exist.</summary>
    public static unsafe StoreStatx? StatOrNull(string path)
    {
        StoreStatx buffer;
        if (Libc.Statx(Libc.AtFdCwd, path, 0, Libc.StatxBasicStats, &buffer) == 0)
            return buffer;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ENoEnt ? null : throw Error("stat", path, errno);
    }

    /// <summary>statx of an open descriptor.</summary>
    public static unsafe StoreStatx Stat(SafeFileHandle file, string what)
    {
        StoreStatx buffer;
        if (Libc.Statx(Fd(file), "", Libc.AtEmptyPath, Libc.StatxBasicStats, &buffer) != 0)
            throw Error("stat", what, Marshal.GetLastPInvokeError());
        return buffer;
    }

    /// <summary>
    /// Refuses a store directory another user could change: it must belong to this user (or root) and not
    /// be writable by group or others (a sticky directory such as /tmp is allowed as the store's parent:
    /// nobody else can rename or remove what we created in it). Objects are served to every reader of the
    /// domain, so whoever can write them can make any file read anything.
    /// </summary>
    public static void CheckTrusted(string directory, bool allowSticky)
    {
        const ushort GroupOrOtherWrite = 0x12, Sticky = 0x200;
        var stat = Stat(directory);
        uint self = Libc.Geteuid();
        if (stat.Uid != self && stat.Uid != 0)
            throw new IOException($"store directory '{directory}' belongs to uid {stat.Uid}, not to this user ({self}): refusing to share through it");
        if ((stat.Mode & GroupOrOtherWrite) != 0 && !(allowSticky && (stat.Mode & Sticky) != 0))
            throw new IOException($"store directory '{directory}' is writable by group or others (mode {Convert.ToString(stat.Mode & 0xFFF, 8)}): refusing to share through it");
    }

    /// <summary>The descriptor number (the handle must stay referenced by the caller).</summary>
    public static int Fd(SafeFileHandle file) => (int)file.DangerousGetHandle();

    /// <summary>An IOException naming the call, the path and the errno text; HResult is the errno.</summary>
    public static IOException Error(string call, string path, int errno) =>
        new($"cannot {call} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
}
