using Erofs.Building.Compressing;
using Erofs.Building.Layout;
using Erofs.Building.Source;
using Erofs.Building.Writing;
using Erofs.Reading;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Building;

/// <summary>
/// Builds an EROFS image from a source tree, uncompressed or compressed (<see cref="BuildOptions.Compression"/>).
/// Stages: flatten the tree, plan xattrs, compress when asked (pclusters, dedupe, fragments), shape
/// every inode, place metadata (nids) then data blocks, copy data (in parallel, each file to a
/// position fixed beforehand, so output does not depend on thread timing), write inodes,
/// directories and the superblock, and rename the finished file into place (or leave it in the
/// caller's open file).
/// </summary>
public static class ImageBuilder
{
    /// <summary>Builds <paramref name="imagePath"/> from <paramref name="root"/>.</summary>
    /// <exception cref="InvalidSourceException">The source cannot be stored (bad name, unreadable file...).</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static BuildResult Build(SourceNode root, string imagePath, BuildOptions options) =>
        Build(root, options, OutputDirectory(imagePath), () => new OutputFile(imagePath));

    /// <summary>
    /// Builds an uncompressed image without a blob device into <paramref name="output"/>, an empty,
    /// writable regular file the caller made (an unnamed O_TMPFILE, say) and still owns: nothing is
    /// renamed or closed here. On failure its content is undefined.
    /// </summary>
    /// <exception cref="InvalidSourceException">The source cannot be stored (bad name, unreadable file...).</exception>
    /// <exception cref="ArgumentException">
    /// The options ask for compression or a blob device (both need files of their own beside an image
    /// path), contradict each other, or the output is not empty.
    /// </exception>
    public static BuildResult Build(SourceNode root, SafeFileHandle output, BuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (options.Compression is not null || options.BlobDevicePath is not null)
            throw new ArgumentException("a build into an open file is uncompressed and has no blob device");
        var file = new OutputFile(output);
        return Build(root, options, spoolDirectory: null, () => file);
    }

    // The stages; the output is opened only once everything is planned.
    private static BuildResult Build(SourceNode root, BuildOptions options, string? spoolDirectory, Func<OutputFile> openOutput)
    {
        BuildOptionsValidator.Validate(options);
        using var compression = options.Compression is { } c ? CompressionSetup.Create(c, options.BlockSize) : null;
        var time = ImageTime.From(options, DateTimeOffset.UtcNow);
        var inodes = TreeFlattener.Flatten(root, options, time);
        byte[] records = compression is null ? [] : ConfigRecordsWriter.Encode(compression.Config, HeaderLayout.RecordsStart);
        long sharedStart = HeaderLayout.SharedStart(records.Length);
        var xattrs = XattrPlanner.Plan(inodes, options, sharedStart);
        using var spool = compression is null ? null : new PclusterSpool(spoolDirectory!);
        if (compression is not null)
            Compress(inodes, compression, spool!, time, options);
        var shaper = new ShapePlanner(options, time, compression);
        foreach (var inode in inodes)
            shaper.Shape(inode);
        int devices = options.BlobDevicePath is not null || options.IndexedArchivePath is not null ? 1 : 0;
        var header = new HeaderLayout(xattrs, devices, sharedStart);
        long metaEnd = PlaceMetadata(inodes, options.BlockSize, header.End);

        using var output = openOutput();
        using var blob = options.BlobDevicePath is { } blobPath ? new OutputFile(blobPath) : null;
        var job = new BuildJob(options, inodes, output, blob, metaEnd, compression, spool);
        ulong blocks = job.WriteData();
        job.WriteMetadata(xattrs, header, time, blocks);
        output.Commit(checked((long)blocks * options.BlockSize));
        blob?.Commit(checked((long)job.BlobBlocks * options.BlockSize));
        return new BuildResult(inodes.Count, blocks, options.BlockSize, job.BlobBlocks);
    }

    /// <summary>
    /// Compresses every regular file, shares identical pclusters (dedupe), then packs the fragments and
    /// compresses the packed inode, which joins the inode list last.
    /// </summary>
    private static void Compress(List<InodePlan> inodes, CompressionSetup compression, PclusterSpool spool, ImageTime time, BuildOptions options)
    {
        CompressionStage.Run(inodes, compression, spool, Threads(options));
        if (compression.Options.Dedupe)
            PclusterDeduplicator.Run(inodes, spool, options.BlockSize, Threads(options));
        if (!compression.UsesFragments)
            return;
        if (FragmentPacker.Pack(inodes, compression.Options.FragmentDedupe, time, Threads(options)) is not { } packed)
            return;
        CompressionStage.RunPacked(packed, compression, spool, Threads(options));
        inodes.Add(packed);
    }

    private static int Threads(BuildOptions options) => options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

    private static string OutputDirectory(string imagePath) => Path.GetDirectoryName(Path.GetFullPath(imagePath))!;

    /// <summary>Inodes placed together, largest first: packs tails nearly optimally yet keeps breadth-first neighbours close.</summary>
    private const int PlacementWindow = 1024;

    /// <summary>
    /// Gives every inode its metadata offset and nid: the root first (its nid must fit 16 bits), then
    /// windows of consecutive breadth-first inodes, each largest first. On a Debian minbase tree this
    /// needs 2228 metadata blocks where taking inodes as they come needs 2249 (mkfs.erofs 1.5: 2233).
    /// </summary>
    private static long PlaceMetadata(List<InodePlan> inodes, int blockSize, long start)
    {
        var allocator = new MetadataAllocator(blockSize, start);
        Place(allocator, inodes[0]);
        if (inodes[0].Nid > ushort.MaxValue)
            throw new NotSupportedException($"the root inode landed at nid {inodes[0].Nid}, past the 16-bit root nid field");
        for (int first = 1; first < inodes.Count; first += PlacementWindow)
        {
            var window = inodes.GetRange(first, Math.Min(PlacementWindow, inodes.Count - first));
            foreach (var inode in window.OrderByDescending(i => i.MetaSize))
                Place(allocator, inode);
        }
        return allocator.End;
    }

    private static void Place(MetadataAllocator allocator, InodePlan inode)
    {
        inode.MetaOffset = allocator.Place(inode.HeadSize, inode.TailLength);
        inode.Nid = (ulong)(inode.MetaOffset / Format.InodeFields.SlotSize);
    }
}
