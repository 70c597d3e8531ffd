using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>
/// The options of `erofs mkfs` (and of the binary run as mkfs.erofs): every option of mkfs.erofs 1.9.3,
/// in its order and written in help as its help writes them (<c>-b#</c>, <c>--sort=&lt;path,none&gt;</c>),
/// because scripts grep that help for an option before using it. Those we do not implement yet are listed
/// and refused when used (<see cref="OptionSpec.NotSupportedYet"/>, or per value in <see cref="MkfsArguments"/>).
/// </summary>
internal static class MkfsOptionTable
{
    public static OptionTable Create() => new([
        new('V', "version", ArgumentKind.None, "print the version (and the erofs-utils release followed) and exit"),
        ImageArguments.Help,
        Short('b', "-b#", "block size in bytes: 512, 1024, 2048 or 4096 (default 4096)"),
        Short('d', "-d<0-9>", "message level 0-9 (accepted; errors, warnings and the summary are all we print)"),
        Short('x', "-x#", "share an xattr carried by more than # files (default 2); negative: store no xattrs"),
        Short('z', "-zX[,level=Y]", "compress with X[,level=Y][,dictsize=Z][:X2...]: lz4, lz4hc, lzma, deflate, libdeflate, zstd"),
        Short('C', "-C#", "largest physical cluster (pcluster) in bytes (default: one block)"),
        Short('E', "-EX[,...]", "extended options, comma-separated (see below); ^ negates"),
        Short('L', "-L volume-label", "volume label (at most 15 bytes)"),
        NotYet(Short('m', "-m#[:X]", "compress metadata in #-byte pclusters (with algorithm X)")),
        Short('T', "-T#", "fixed UNIX timestamp # for the image (and every file, see --mkfs-time)"),
        Long("all-time", "with -T: give the timestamp to every file (default)"),
        Long("mkfs-time", "with -T: give the timestamp to the image only, keep file mtimes"),
        Short('U', "-UX", "filesystem UUID X, 'clear' or 'random'"),
        NotYet(Optional("zD", "--zD[=<0|1>]", "compress directories")),
        NotYet(Optional("MZ", "--MZ[=<0|[id]>]", "put inodes ('i') and/or directory data ('d') into a metadata zone")),
        Long("all-root", "make every file owned by root"),
        Value("async-queue-limit", "#", "accepted and checked; without effect: our compression workers take a bounded window of files"),
        Value("blobdev", "X", "write chunk data to X, an extra device (needs --chunksize)"),
        Value("chunksize", "#", "store files as #-byte chunks, deduplicated"),
        Optional("clean", "--clean=X", "full build (the only kind here): X = data; rvsp and 0 are not supported yet"),
        NotYet(Optional("incremental", "--incremental=X", "add to an existing image (X = data|rvsp|0)")),
        Value("compress-hints", "X", "per-file pcluster size and algorithm: lines 'SIZE [ALGORITHM_INDEX] REGEX'; a size that is not a multiple of the block size skips its line with a warning"),
        Value("dsunit", "#", "align data to # blocks: 0 and 1 only (no alignment) are supported yet"),
        Value("exclude-path", "X", "leave out path X, relative to SOURCE (repeatable)"),
        Value("exclude-regex", "X", "leave out paths matching POSIX extended regex X (repeatable)"),
        Value("force-uid", "#", "owner of every file"),
        Value("force-gid", "#", "group of every file"),
        Value("fsalignblks", "#", "round the image size up to # blocks: 0 and 1 only (no rounding) are supported yet"),
        Value("uid-offset", "#", "add # to every uid"),
        Value("gid-offset", "#", "add # to every gid"),
        Long("hard-dereference", "store hard-linked files as separate copies"),
        Long("ignore-mtime", "give every file the image time (smaller, compact inodes)"),
        Value("max-extent-bytes", "#", "largest number of file bytes one pcluster decodes to"),
        Value("mount-point", "X", "accepted; without effect: it only prefixes Android fs_config and SELinux lookups, which this mkfs has not"),
        Long("preserve-mtime", "keep each file's mtime (default)"),
        Value("offset", "#", "write the image # bytes into FILE: only 0 is supported yet"),
        Value("root-xattr-isize", "#", "reserve # bytes of inline xattrs in the root: only 0 is supported yet"),
        Long("aufs", "turn OCI whiteouts into overlayfs ones"),
        new OptionSpec(null, "sort", ArgumentKind.Required, "data order for tar input; any value is accepted; the image is the same (README: drop-in)")
            { Spelling = "--sort=<path,none>" },
        Optional("tar", "--tar=X", "SOURCE is a tar file, or standard input when SOURCE is '-' or missing: X = f (copy data, default) or i (index it in place)"),
        Optional("ovlfs-strip", "--ovlfs-strip=<0,1>", "drop whiteouts and opaque markers (=0 keeps them)"),
        Long("quiet", "print nothing but errors"),
        Optional("ungzip", "--ungzip[=X]", "the tar stream may be gzip-compressed (detected anyway); =X (a copy of the raw stream) is not supported yet"),
        new OptionSpec(null, "gzip", ArgumentKind.None, null),
        NotYet(Optional("unxz", "--unxz[=X]", "the tar stream is xz/lzma-compressed")),
        new OptionSpec(null, "unlzma", ArgumentKind.Optional, null) { NotSupportedYet = true, Spelling = "--unlzma[=X]" },
        NotYet(Optional("gzinfo", "--gzinfo[=X]", "write AWS SOCI zinfo for random access to the gzip stream")),
        NotYet(Value("vmdk-desc", "X", "write a VMDK descriptor to X")),
        Value("workers", "#", "worker threads (default: one per core)"),
        Optional("xattr-inode-digest", "--xattr-inode-digest=X", "store each file's SHA-256 in xattr X (erofs.fingerprint.v1 if =X is omitted)"),
        Value("xattr-prefix", "X", "add long xattr name prefix X (repeatable)"),
        Value("zfeature-bits", "#", "set compression features by bit: 0 legacy-compress, 1 ztailpacking, 2 fragments, 3 all-fragments, 4 dedupe, 5 fragdedupe (6 48bit, 7 dot-omitted not supported yet)"),
    ]);

    public const string ExtendedHelp =
        "Extended options (-E): force-inode-compact, force-inode-extended, noinline_data (^inline_data),\n"
        + "  [^]xattr-name-filter, force-chunk-indexes, force-inode-blockmap, nosbcrc;\n"
        + "  with -z: legacy-compress (full indexes), ztailpacking (inline tails), dedupe (shared pclusters),\n"
        + "  fragments[=SIZE] (tails in the packed inode), all-fragments (whole files there), [^]fragdedupe.\n"
        + "  Not supported yet: 48bit, dot-omitted, plain-xattr-prefixes.\n";

    private static OptionSpec NotYet(OptionSpec option) => option.NotSupportedYetCopy();

    // A short option whose value is attached in erofs-utils' help (-b#, -zX[,level=Y]).
    private static OptionSpec Short(char letter, string spelling, string description) =>
        new(letter, null, ArgumentKind.Required, description) { Spelling = spelling };

    private static OptionSpec Long(string name, string description) => new(null, name, ArgumentKind.None, description);

    // --name=# or --name=X, as erofs-utils writes a value.
    private static OptionSpec Value(string name, string valueName, string description) =>
        new(null, name, ArgumentKind.Required, description, valueName);

    private static OptionSpec Optional(string name, string spelling, string description) =>
        new(null, name, ArgumentKind.Optional, description) { Spelling = spelling };
}
