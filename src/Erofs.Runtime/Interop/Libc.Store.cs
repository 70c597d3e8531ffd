using System.Runtime.InteropServices;

namespace Erofs.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>O_RDONLY.</summary>
    internal const int ORdOnly = 0;

    /// <summary>O_WRONLY.</summary>
    internal const int OWrOnly = 1;

    /// <summary>O_CREAT.</summary>
    internal const int OCreat = 0x40;

    /// <summary>O_EXCL.</summary>
    internal const int OExcl = 0x80;

    /// <summary>O_APPEND.</summary>
    internal const int OAppend = 0x400;

    /// <summary>O_DIRECTORY (0x10000 on x86_64, 0x4000 on arm64).</summary>
    internal static int ODirectory => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <summary>O_DIRECT (0x4000 on x86_64, 0x10000 on arm64): reads bypass the page cache.</summary>
    internal static int ODirect => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;

    /// <summary>LOCK_SH for <see cref="Flock"/>.</summary>
    internal const int LockShared = 1;

    /// <summary>LOCK_EX for <see cref="Flock"/>.</summary>
    internal const int LockExclusive = 2;

    /// <summary>LOCK_NB: fail with EWOULDBLOCK instead of waiting.</summary>
    internal const int LockNonBlocking = 4;

    /// <summary>POSIX_FADV_RANDOM: no readahead on this open file.</summary>
    internal const int FadviseRandom = 1;

    /// <summary>POSIX_FADV_DONTNEED.</summary>
    internal const int FadviseDontNeed = 4;

    /// <summary>The cachestat syscall number (x86_64 and arm64 share it; Linux 6.5+).</summary>
    internal const long SysCachestat = 451;

    /// <summary>EWOULDBLOCK (EAGAIN).</summary>
    internal const int EWouldBlock = 11;

    /// <summary>EEXIST.</summary>
    internal const int EExist = 17;

    /// <summary>ENOENT.</summary>
    internal const int ENoEnt = 2;

    /// <summary>EINTR.</summary>
    internal const int EIntr = 4;

    /// <summary><c>int open(const char *path, int flags, mode_t mode)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    /// <summary><c>int flock(int fd, int operation)</c>: a lock owned by the open file description.</summary>
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    /// <summary><c>int posix_fadvise(int fd, off_t offset, off_t len, int advice)</c>; returns the error number, not -1.</summary>
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    internal static partial int PosixFadvise(int fd, long offset, long length, int advice);

    /// <summary><c>int futimens(int fd, const struct timespec times[2])</c>; null times mean now.</summary>
    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    internal static partial int Futimens(int fd, void* times);

    /// <summary><c>int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)</c>; null times mean now.</summary>
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Utimensat(int dirfd, string path, void* times, int flags);

    /// <summary><c>long syscall(long number, int fd, struct cachestat_range *range, struct cachestat *cstat, unsigned int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static partial long SyscallCachestat(long number, int fd, CachestatRange* range, Cachestat* result, uint flags);

    /// <summary><c>int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statx(int dirfd, string path, int flags, uint mask, StoreStatx* buffer);

    /// <summary>AT_EMPTY_PATH: stat the descriptor itself.</summary>
    internal const int AtEmptyPath = 0x1000;

    /// <summary>AT_FDCWD.</summary>
    internal const int AtFdCwd = -100;

    /// <summary>STATX_BASIC_STATS.</summary>
    internal const uint StatxBasicStats = 0x7FF;

    /// <summary><c>struct cachestat_range</c>: a length of 0 means to the end of the file.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CachestatRange
    {
        public ulong Offset;
        public ulong Length;
    }

    /// <summary><c>struct cachestat</c>: page counts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Cachestat
    {
        public ulong Cached;
        public ulong Dirty;
        public ulong Writeback;
        public ulong Evicted;
        public ulong RecentlyEvicted;
    }
}

/// <summary><c>struct statx</c> (256 bytes): the fields that identify a file and its version.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StoreStatx
{
    /// <summary>stx_nlink.</summary>
    [FieldOffset(16)] public uint Nlink;
    /// <summary>stx_uid.</summary>
    [FieldOffset(20)] public uint Uid;
    /// <summary>stx_mode.</summary>
    [FieldOffset(28)] public ushort Mode;
    /// <summary>stx_ino.</summary>
    [FieldOffset(32)] public ulong Ino;
    /// <summary>stx_size.</summary>
    [FieldOffset(40)] public ulong Size;
    /// <summary>stx_ctime.tv_sec.</summary>
    [FieldOffset(96)] public long CtimeSeconds;
    /// <summary>stx_ctime.tv_nsec.</summary>
    [FieldOffset(104)] public uint CtimeNanoseconds;
    /// <summary>stx_mtime.tv_sec.</summary>
    [FieldOffset(112)] public long MtimeSeconds;
    /// <summary>stx_mtime.tv_nsec.</summary>
    [FieldOffset(120)] public uint MtimeNanoseconds;
    /// <summary>stx_dev_major.</summary>
    [FieldOffset(136)] public uint DevMajor;
    /// <summary>stx_dev_minor.</summary>
    [FieldOffset(140)] public uint DevMinor;
}
