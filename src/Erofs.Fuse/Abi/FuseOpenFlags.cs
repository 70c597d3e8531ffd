namespace Erofs.Fuse.Abi;

/// <summary>Flags of an OPEN or OPENDIR reply (<c>FOPEN_*</c>).</summary>
[Flags]
public enum FuseOpenFlags : uint
{
    /// <summary>No flag: the kernel drops the file's cached pages on open.</summary>
    None = 0,
    /// <summary>FOPEN_DIRECT_IO: bypass the page cache (breaks mmap; never used here).</summary>
    DirectIo = 1 << 0,
    /// <summary>FOPEN_KEEP_CACHE: keep cached pages across opens.</summary>
    KeepCache = 1 << 1,
    /// <summary>FOPEN_NONSEEKABLE.</summary>
    NonSeekable = 1 << 2,
    /// <summary>FOPEN_CACHE_DIR: the kernel may cache this directory's entries.</summary>
    CacheDir = 1 << 3,
    /// <summary>FOPEN_NOFLUSH: no FLUSH request on close.</summary>
    NoFlush = 1 << 5,
    /// <summary>FOPEN_PASSTHROUGH: reads go to the backing file registered under the reply's backing id.</summary>
    Passthrough = 1 << 7,
}
