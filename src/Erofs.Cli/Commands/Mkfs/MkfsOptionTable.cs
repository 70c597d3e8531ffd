using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>The options of `erofs mkfs`, spelled exactly as mkfs.erofs spells them.</summary>
internal static class MkfsOptionTable
{
    public static OptionTable Create() => new([
        new('b', null, ArgumentKind.Required, "block size in bytes (512, 1024, 2048 or 4096)", "SIZE"),
        new('d', null, ArgumentKind.Required, "debug level (accepted and ignored)", "N"),
        new('x', null, ArgumentKind.Required, "share an xattr carried by more than N files (default 2); negative: no xattrs", "N"),
        new('z', null, ArgumentKind.Required, "compress: ALG[,level=N][,dictsize=N][:ALG...] (lz4, lz4hc, lzma, deflate, zstd)", "ALG"),
        new('C', null, ArgumentKind.Required, "largest physical cluster (pcluster) in bytes (default: one block)", "SIZE"),
        new(null, "compress-hints", ArgumentKind.Required, "per-path pcluster size and algorithm: lines 'SIZE [ALG_INDEX] REGEX'", "FILE"),
        new(null, "max-extent-bytes", ArgumentKind.Required, "largest number of file bytes one pcluster decodes to", "SIZE"),
        new('E', null, ArgumentKind.Required, "extended options, comma-separated (see below); ^ negates", "OPTS"),
        new('T', null, ArgumentKind.Required, "fixed UNIX timestamp for the image (and every file, see --mkfs-time)", "SECONDS"),
        new(null, "all-time", ArgumentKind.None, "with -T: give the timestamp to every file (default)"),
        new(null, "mkfs-time", ArgumentKind.None, "with -T: give the timestamp to the image only, keep file mtimes"),
        new('U', null, ArgumentKind.Required, "filesystem UUID, 'clear' or 'random'", "UUID"),
        new('L', null, ArgumentKind.Required, "volume label (at most 15 bytes)", "LABEL"),
        new(null, "all-root", ArgumentKind.None, "make every file owned by root"),
        new(null, "force-uid", ArgumentKind.Required, "owner of every file", "UID"),
        new(null, "force-gid", ArgumentKind.Required, "group of every file", "GID"),
        new(null, "uid-offset", ArgumentKind.Required, "add N to every uid", "N"),
        new(null, "gid-offset", ArgumentKind.Required, "add N to every gid", "N"),
        new(null, "ignore-mtime", ArgumentKind.None, "give every file the image time (smaller, compact inodes)"),
        new(null, "preserve-mtime", ArgumentKind.None, "keep each file's mtime (default)"),
        new(null, "exclude-path", ArgumentKind.Required, "leave out this path, relative to SOURCE (repeatable)", "PATH"),
        new(null, "exclude-regex", ArgumentKind.Required, "leave out paths matching this POSIX extended regex (repeatable)", "REGEX"),
        new(null, "hard-dereference", ArgumentKind.None, "store hard-linked files as separate copies"),
        new(null, "chunksize", ArgumentKind.Required, "store files as chunks of SIZE bytes, deduplicated", "SIZE"),
        new(null, "blobdev", ArgumentKind.Required, "write chunk data to FILE, an extra device (needs --chunksize)", "FILE"),
        new(null, "xattr-prefix", ArgumentKind.Required, "add a long xattr name prefix (repeatable)", "PREFIX"),
        new(null, "xattr-inode-digest", ArgumentKind.Optional, "store each file's SHA-256 in xattr NAME (default erofs.fingerprint.v1)", "NAME"),
        new(null, "tar", ArgumentKind.Optional, "SOURCE is a tar file ('-' = stdin): f copies data, i indexes it in place", "f|i"),
        new(null, "ungzip", ArgumentKind.Optional, "the tar stream is gzip-compressed (detected anyway)", "FILE"),
        new(null, "aufs", ArgumentKind.None, "turn OCI whiteouts into overlayfs ones"),
        new(null, "ovlfs-strip", ArgumentKind.Optional, "drop whiteouts and opaque markers (=0 keeps them)", "0|1"),
        new(null, "workers", ArgumentKind.Required, "worker threads (default: one per core)", "N"),
        new(null, "quiet", ArgumentKind.None, "print nothing on success"),
        ImageArguments.Help,
    ]);

    public const string ExtendedHelp =
        "Extended options (-E): force-inode-compact, force-inode-extended, noinline_data (^inline_data),\n"
        + "  [^]xattr-name-filter, force-chunk-indexes, force-inode-blockmap, nosbcrc;\n"
        + "  with -z: legacy-compress (full indexes), ztailpacking (inline tails), dedupe (shared pclusters),\n"
        + "  fragments[=SIZE] (tails in the packed inode), all-fragments (whole files there), [^]fragdedupe.\n";
}
