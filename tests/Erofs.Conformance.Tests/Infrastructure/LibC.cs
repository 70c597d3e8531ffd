using System.Runtime.InteropServices;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// The few Linux calls .NET does not expose: <c>statx</c> (nanosecond times, uid/gid, nlink, rdev),
/// xattr listing and reading without following symlinks, <c>lchown</c>, <c>utimensat</c>,
/// <c>mount</c> and <c>umount2</c>. Every wrapper throws <see cref="IOException"/> with errno on failure.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    internal const int ENODATA = 61;
    internal const int ERANGE = 34;
    internal const int ENOTSUP = 95;

    /// <summary><c>MS_RDONLY</c> for <see cref="Mount"/>.</summary>
    internal const ulong MsRdOnly = 1;

    /// <summary><c>MNT_DETACH</c> for <see cref="Unmount"/>.</summary>
    internal const int MntDetach = 2;

    /// <summary>The <c>statx</c> fields the tests use.</summary>
    internal readonly record struct StatxInfo(
        uint Mode, uint Uid, uint Gid, uint Nlink, long Size, long MtimeSec, uint MtimeNsec, uint RdevMajor, uint RdevMinor, ulong Ino, uint DevMajor, uint DevMinor);

    /// <summary><c>statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS)</c>.</summary>
    internal static StatxInfo LStat(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            throw Error("statx", path);
        }

        // struct statx layout (include/uapi/linux/stat.h), identical on every architecture.
        return new StatxInfo(
            Mode: *(ushort*)(buffer + 28),
            Uid: *(uint*)(buffer + 20),
            Gid: *(uint*)(buffer + 24),
            Nlink: *(uint*)(buffer + 16),
            Size: *(long*)(buffer + 40),
            MtimeSec: *(long*)(buffer + 112),
            MtimeNsec: *(uint*)(buffer + 120),
            RdevMajor: *(uint*)(buffer + 128),
            RdevMinor: *(uint*)(buffer + 132),
            Ino: *(ulong*)(buffer + 32),
            DevMajor: *(uint*)(buffer + 136),
            DevMinor: *(uint*)(buffer + 140));
    }

    /// <summary>Names from <c>llistxattr</c>, in the order the file system returns them.</summary>
    internal static List<string> ListXattrs(string path)
    {
        while (true)
        {
            var size = llistxattr(path, null, 0);
            if (size < 0)
            {
                if (Marshal.GetLastPInvokeError() == ENOTSUP)
                {
                    return [];
                }

                throw Error("llistxattr", path);
            }

            if (size == 0)
            {
                return [];
            }

            var buffer = new byte[size];
            nint got;
            fixed (byte* p = buffer)
            {
                got = llistxattr(path, p, (nuint)buffer.Length);
            }

            if (got < 0 && Marshal.GetLastPInvokeError() == ERANGE)
            {
                continue; // grew in between
            }

            if (got < 0)
            {
                throw Error("llistxattr", path);
            }

            var names = new List<string>();
            var start = 0;
            for (var i = 0; i < got; i++)
            {
                if (buffer[i] == 0)
                {
                    names.Add(System.Text.Encoding.UTF8.GetString(buffer, start, i - start));
                    start = i + 1;
                }
            }

            return names;
        }
    }

    /// <summary>The value from <c>lgetxattr</c>.</summary>
    internal static byte[] GetXattr(string path, string name)
    {
        while (true)
        {
            var size = lgetxattr(path, name, null, 0);
            if (size < 0)
            {
                throw Error($"lgetxattr({name})", path);
            }

            var buffer = new byte[size];
            if (size == 0)
            {
                return buffer;
            }

            nint got;
            fixed (byte* p = buffer)
            {
                got = lgetxattr(path, name, p, (nuint)buffer.Length);
            }

            if (got < 0 && Marshal.GetLastPInvokeError() == ERANGE)
            {
                continue;
            }

            if (got < 0)
            {
                throw Error($"lgetxattr({name})", path);
            }

            return got == size ? buffer : buffer[..(int)got];
        }
    }

    /// <summary><c>lchown</c>: sets owner and group without following symlinks.</summary>
    internal static void LChown(string path, uint uid, uint gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw Error("lchown", path);
        }
    }

    /// <summary><c>link(2)</c>: makes <paramref name="newPath"/> a hard link to <paramref name="existingPath"/>.</summary>
    internal static void Link(string existingPath, string newPath)
    {
        if (link(existingPath, newPath) != 0)
        {
            throw Error("link", $"{existingPath} -> {newPath}");
        }
    }

    /// <summary><c>geteuid(2)</c>.</summary>
    internal static uint EffectiveUid => geteuid();

    /// <summary><c>utimensat</c> without following symlinks: sets atime and mtime to the nanosecond.</summary>
    internal static void SetTimes(string path, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec)
    {
        var times = stackalloc long[4] { atimeSec, atimeNsec, mtimeSec, mtimeNsec };
        if (utimensat(AtFdCwd, path, times, AtSymlinkNoFollow) != 0)
        {
            throw Error("utimensat", path);
        }
    }

    /// <summary><c>mount(2)</c>.</summary>
    internal static void Mount(string source, string target, string fsType, ulong flags, string? data)
    {
        if (mount(source, target, fsType, flags, data) != 0)
        {
            throw Error($"mount(-t {fsType} -o {data})", $"{source} on {target}");
        }
    }

    /// <summary><c>umount2(2)</c>; returns errno, 0 on success.</summary>
    internal static int Unmount(string target, int flags) =>
        umount2(target, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static IOException Error(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed on '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint llistxattr(string path, byte* list, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int lchown(string path, uint owner, uint group);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string existingPath, string newPath);

    [LibraryImport(Library)]
    private static partial uint geteuid();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int utimensat(int dirfd, string path, long* times, int flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mount(string source, string target, string fstype, ulong flags, string? data);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int umount2(string target, int flags);
}
