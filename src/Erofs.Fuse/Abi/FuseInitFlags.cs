namespace Erofs.Fuse.Abi;

/// <summary>
/// INIT capability bits (<c>FUSE_*</c> in fuse.h). Bits 32–63 travel in the <c>flags2</c> fields,
/// which exist only when both sides set <see cref="InitExt"/>.
/// </summary>
[Flags]
public enum FuseInitFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>FUSE_ASYNC_READ: several READ requests of one file may be in flight.</summary>
    AsyncRead = 1UL << 0,
    /// <summary>FUSE_POSIX_LOCKS.</summary>
    PosixLocks = 1UL << 1,
    /// <summary>FUSE_ATOMIC_O_TRUNC.</summary>
    AtomicOTrunc = 1UL << 3,
    /// <summary>FUSE_EXPORT_SUPPORT: the file system answers lookups of "." and "..".</summary>
    ExportSupport = 1UL << 4,
    /// <summary>FUSE_BIG_WRITES.</summary>
    BigWrites = 1UL << 5,
    /// <summary>FUSE_SPLICE_WRITE.</summary>
    SpliceWrite = 1UL << 7,
    /// <summary>FUSE_SPLICE_MOVE.</summary>
    SpliceMove = 1UL << 8,
    /// <summary>FUSE_SPLICE_READ.</summary>
    SpliceRead = 1UL << 9,
    /// <summary>FUSE_AUTO_INVAL_DATA.</summary>
    AutoInvalData = 1UL << 12,
    /// <summary>FUSE_DO_READDIRPLUS: the kernel sends READDIRPLUS.</summary>
    DoReaddirPlus = 1UL << 13,
    /// <summary>FUSE_READDIRPLUS_AUTO: the kernel picks READDIR or READDIRPLUS adaptively.</summary>
    ReaddirPlusAuto = 1UL << 14,
    /// <summary>FUSE_WRITEBACK_CACHE.</summary>
    WritebackCache = 1UL << 16,
    /// <summary>FUSE_NO_OPEN_SUPPORT (kernel only): an OPEN answered ENOSYS makes the kernel open files itself from then on.</summary>
    NoOpenSupport = 1UL << 17,
    /// <summary>FUSE_PARALLEL_DIROPS: lookups and readdir of one directory may run in parallel.</summary>
    ParallelDirops = 1UL << 18,
    /// <summary>FUSE_POSIX_ACL: the kernel enforces POSIX ACLs read through getxattr.</summary>
    PosixAcl = 1UL << 20,
    /// <summary>FUSE_MAX_PAGES: init_out.max_pages is valid.</summary>
    MaxPages = 1UL << 22,
    /// <summary>FUSE_CACHE_SYMLINKS: the kernel caches READLINK answers.</summary>
    CacheSymlinks = 1UL << 23,
    /// <summary>FUSE_NO_OPENDIR_SUPPORT (kernel only): an OPENDIR answered ENOSYS makes the kernel open directories itself from then on.</summary>
    NoOpendirSupport = 1UL << 24,
    /// <summary>FUSE_INIT_EXT: the extended init structs with flags2 are in use.</summary>
    InitExt = 1UL << 30,
    /// <summary>FUSE_PASSTHROUGH (flags2 bit 5): open files may be backed by a file the kernel reads directly.</summary>
    Passthrough = 1UL << 37,
}
