using Erofs.Checking;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands.Fsck;
using Erofs.Extracting;
using Erofs.Format;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs fsck` (and the binary run as fsck.erofs): check every inode, dirent, xattr and extent, of the
/// whole image or one subtree; optionally extract, verify fingerprints, or print the compression ratio.
/// Every option of fsck.erofs 1.9.3 is accepted and written in help as its help writes it.
/// </summary>
internal sealed class FsckCommand : ICommand
{
    public string Name => "fsck";
    public string Usage => "[OPTIONS] IMAGE";
    public string Summary => "check an image (options as in fsck.erofs)";

    public OptionTable Options { get; } = FsckOptionTable.Create();

    public int Run(ParseResult args, CommandContext context)
    {
        var request = FsckArguments.Parse(args);
        using var image = ImageArguments.Open(request.ImagePath, args);
        bool digest = args.Has("xattr-inode-digest");
        if (digest && (image.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) == 0)
        {
            context.Error.WriteLine($"{context.Program}: {request.ImagePath}: --xattr-inode-digest: the image has no fingerprints (ishare_xattrs not set)");
            return 1;
        }
        var start = FsckStart.Resolve(image, request);

        IReadOnlyList<CheckIssue> issues;
        ImageChecker checker;
        using (var progress = ProgressReporter.ForTerminal(context, "checking", (long)image.Superblock.InodeCount))
        {
            // With --extract=DIR the extraction reads every byte itself: do not read everything twice.
            bool readAll = args.Has("extract") && request.ExtractDirectory is null;
            checker = new ImageChecker(image, new CheckOptions
            {
                ReadAllData = readAll,
                VerifyFingerprints = digest,
                Progress = progress,
                Start = start,
                MeasureCompression = args.Has("p"),
            });
            issues = checker.Check();
        }
        foreach (var issue in issues)
            context.Error.WriteLine($"{context.Program}: {issue}");

        int extractFailures = request.ExtractDirectory is { } directory ? Extract(image, directory, request.Extraction with { Start = start }, context) : 0;
        long inodes = checker.InodesChecked;
        if (issues.Count > 0 || extractFailures > 0)
        {
            context.Error.WriteLine($"{context.Program}: {request.ImagePath}: {issues.Count + extractFailures} error(s) found, {inodes} inodes checked");
            return 1;
        }
        string what = digest ? "inodes and fingerprints" : "inodes";
        context.Output.WriteLine($"{request.ImagePath}: no errors found, {inodes} {what} checked");
        if (args.Has("p"))
            context.Output.WriteLine(CompressionRatio.Format(checker.PhysicalBlocks, checker.LogicalBlocks));
        return 0;
    }

    // Extracts after the check; returns the number of entries that could not be extracted.
    internal static int Extract(Reading.ErofsImage image, string directory, bool overwrite, CommandContext context) =>
        Extract(image, directory, new ExtractOptions { Overwrite = overwrite }, context);

    private static int Extract(Reading.ErofsImage image, string directory, ExtractOptions options, CommandContext context)
    {
        ExtractResult result;
        using (var progress = ProgressReporter.ForTerminal(context, "extracting", (long)image.Superblock.InodeCount))
            result = new Extractor(image, options with { Progress = progress }).ExtractTo(directory);
        foreach (var warning in result.Warnings)
            context.Error.WriteLine($"erofs: warning: {warning}");
        foreach (var failure in result.Failures)
            context.Error.WriteLine($"erofs: cannot extract {failure}");
        return result.Failures.Count;
    }
}
