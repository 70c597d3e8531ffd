using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Fsck;

/// <summary>
/// The options of `erofs fsck` and fsck.erofs: fsck.erofs 1.9.3's, in its order and spelled as its help
/// spells them (scripts grep that help), then ours (the read limits) in the same style.
/// </summary>
internal static class FsckOptionTable
{
    public static OptionTable Create() => new([
        new('V', "version", ArgumentKind.None, "print the version (and the erofs-utils release followed) and exit"),
        ImageArguments.Help,
        new('d', null, ArgumentKind.Required, "message level 0-9 (accepted; we print errors, the summary and -p's line)") { Spelling = "-d<0-9>" },
        new('p', null, ArgumentKind.None, "print the total compression ratio of the checked files"),
        ImageArguments.Device.SpelledAs("--device=X"),
        new(null, "extract", ArgumentKind.Optional, "read all data; with =X also extract the tree (or the --nid/--path subtree) into X") { Spelling = "--extract[=X]" },
        ImageArguments.Offset,
        new(null, "nid", ArgumentKind.Required, "check (or extract) only inode # and the tree below it", "#"),
        new(null, "path", ArgumentKind.Required, "check (or extract) only the inode at path X and the tree below it", "X"),
        ImageArguments.NoSuperblockCrc.SpelledAs("--no-sbcrc"),
        new(null, "xattr-inode-digest", ArgumentKind.None, "recompute each fingerprinted file's SHA-256 and compare"),
        new(null, "xattrs", ArgumentKind.None, "with --extract=X: restore xattrs (default here; fsck.erofs leaves them out)") { Spelling = "--[no-]xattrs" },
        new(null, "no-xattrs", ArgumentKind.None, null),
        new('a', null, ArgumentKind.None, "accepted and without effect (nothing is ever repaired): for callers that pass them to every fsck") { Spelling = "-a, -A, -y" },
        new('A', null, ArgumentKind.None, null),
        new('y', null, ArgumentKind.None, null),
        new(null, "force", ArgumentKind.None, "with --extract=X: allow X to be /"),
        new(null, "overwrite", ArgumentKind.None, "with --extract=X: replace files that already exist"),
        new(null, "preserve", ArgumentKind.None, "with --extract=X: both of the next two") { Spelling = "--[no-]preserve" },
        new(null, "no-preserve", ArgumentKind.None, null),
        new(null, "preserve-owner", ArgumentKind.None, "with --extract=X: give files their owners (default, and possible, as root only)") { Spelling = "--[no-]preserve-owner" },
        new(null, "no-preserve-owner", ArgumentKind.None, null),
        new(null, "preserve-perms", ArgumentKind.None, "with --extract=X: exact permission bits (default as root), else the umask applies") { Spelling = "--[no-]preserve-perms" },
        new(null, "no-preserve-perms", ArgumentKind.None, null),
        .. LimitArguments.Options,
    ]);
}
