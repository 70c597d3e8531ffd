using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// Raw file calls for the store. Files are opened with open(2), not .NET's File APIs, because .NET
/// takes its own flock on every file it opens, which would be mistaken for a lease.
/// </summary>
internal static class StoreFile
{
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

    /// <summary>Sets access and modification time to now (futimens).</summary>
    public static unsafe void TouchNow(SafeFileHandle file, string path)
    {
        if (Libc.Futimens(Fd(file), null) != 0)
            throw Error("set the time of", path, Marshal.GetLastPInvokeError());
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

    /// <summary>statx of an open descriptor.</summary>
    public static unsafe StoreStatx Stat(SafeFileHandle file, string what)
    {
        StoreStatx buffer;
        if (Libc.Statx(Fd(file), "", Libc.AtEmptyPath, Libc.StatxBasicStats, &buffer) != 0)
            throw Error("stat", what, Marshal.GetLastPInvokeError());
        return buffer;
    }

    /// <summary>The descriptor number (the handle must stay referenced by the caller); never that of a closed handle, whose number another file may have taken since.</summary>
    public static int Fd(SafeFileHandle file) => file.IsClosed ? throw new ObjectDisposedException(nameof(file)) : (int)file.DangerousGetHandle();

    /// <summary>An IOException naming the call, the path and the errno text; HResult is the errno.</summary>
    public static IOException Error(string call, string path, int errno) =>
        new($"cannot {call} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
}
