using Erofs.Checking;
using Erofs.Cli.CommandLine;
using Erofs.Extracting;
using Erofs.Format;

namespace Erofs.Cli.Commands;

/// <summary>`erofs fsck`: check every inode, dirent, xattr and extent; optionally extract or verify fingerprints.</summary>
internal sealed class FsckCommand : ICommand
{
    public string Name => "fsck";
    public string Usage => "[OPTIONS] IMAGE";
    public string Summary => "check an image (options as in fsck.erofs)";

    public OptionTable Options { get; } = new([
        ImageArguments.Device,
        new(null, "extract", ArgumentKind.Optional, "read all data; with =DIR also extract the tree into DIR", "DIR"),
        new(null, "xattr-inode-digest", ArgumentKind.None, "recompute each fingerprinted file's SHA-256 and compare"),
        new(null, "overwrite", ArgumentKind.None, "with --extract=DIR: replace existing files"),
        new(null, "force", ArgumentKind.None, "accepted for fsck.erofs compatibility"),
        ImageArguments.NoSuperblockCrc,
        new('d', null, ArgumentKind.Required, "debug level (accepted and ignored)", "N"),
        .. LimitArguments.Options,
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        ImageArguments.NoMorePositionals(args, 1);
        string? extractDir = args.Value("extract");
        if (args.Has("extract") && extractDir is "")
            throw new CommandLineException("--extract= needs a directory");
        using var image = ImageArguments.Open(imagePath, args);
        bool digest = args.Has("xattr-inode-digest");
        if (digest && (image.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) == 0)
        {
            context.Error.WriteLine($"erofs fsck: {imagePath}: --xattr-inode-digest: the image has no fingerprints (ishare_xattrs not set)");
            return 1;
        }

        IReadOnlyList<CheckIssue> issues;
        long inodes;
        using (var progress = ProgressReporter.ForTerminal(context, "checking", (long)image.Superblock.InodeCount))
        {
            // With --extract=DIR the extraction reads every byte itself: do not read everything twice.
            bool readAll = args.Has("extract") && extractDir is null;
            var checker = new ImageChecker(image, new CheckOptions { ReadAllData = readAll, VerifyFingerprints = digest, Progress = progress });
            issues = checker.Check();
            inodes = checker.InodesChecked;
        }
        foreach (var issue in issues)
            context.Error.WriteLine($"erofs fsck: {issue}");

        int extractFailures = extractDir is null ? 0 : Extract(image, extractDir, args.Has("overwrite"), context);
        if (issues.Count > 0 || extractFailures > 0)
        {
            context.Error.WriteLine($"erofs fsck: {imagePath}: {issues.Count + extractFailures} error(s) found, {inodes} inodes checked");
            return 1;
        }
        string what = digest ? "inodes and fingerprints" : "inodes";
        context.Output.WriteLine($"{imagePath}: no errors found, {inodes} {what} checked");
        return 0;
    }

    // Extracts after the check; returns the number of entries that could not be extracted.
    internal static int Extract(Reading.ErofsImage image, string directory, bool overwrite, CommandContext context)
    {
        ExtractResult result;
        using (var progress = ProgressReporter.ForTerminal(context, "extracting", (long)image.Superblock.InodeCount))
            result = new Extractor(image, new ExtractOptions { Overwrite = overwrite, Progress = progress }).ExtractTo(directory);
        foreach (var warning in result.Warnings)
            context.Error.WriteLine($"erofs: warning: {warning}");
        foreach (var failure in result.Failures)
            context.Error.WriteLine($"erofs: cannot extract {failure}");
        return result.Failures.Count;
    }
}
