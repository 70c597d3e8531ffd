using System.Collections.Concurrent;
using Erofs.Building.Layout;
using Erofs.Building.Source;
using Erofs.Building.Writing;
using Erofs.Compression.Encoding;
using Erofs.Reading;

namespace Erofs.Building.Compressing;

/// <summary>
/// Compresses every regular file before metadata is placed (its index size and inline tail decide its inode's
/// size). Files are cut into fixed <see cref="SegmentBytes"/> segments compressed independently on all cores;
/// the cut never depends on the thread count, so neither does the image.
/// </summary>
internal static class CompressionStage
{
    /// <summary>
    /// Segment length: bigger files use several cores; each segment starts a new pcluster, which costs up to a
    /// block per cut (mkfs.erofs 1.9 cuts at 16 MiB with workers; 64 MiB keeps the single-threaded 1.5's sizes
    /// on /usr/share/dotnet, where files of 20-40 MB would otherwise lose a block each).
    /// </summary>
    public const int SegmentBytes = 64 << 20;

    /// <summary>Pclusters each worker collects before writing them to the spool.</summary>
    private const int OutputBufferBytes = 1 << 20;

    /// <summary>Largest input window of a worker (the segment streams through it).</summary>
    private const int MaxWindowBytes = 16 << 20;

    /// <summary>Compresses the regular files of <paramref name="inodes"/> as the hints and options say.</summary>
    public static void Run(List<InodePlan> inodes, CompressionSetup setup, PclusterSpool spool, int threads)
        => Run(inodes, setup, spool, threads, packedInode: false);

    /// <summary>
    /// Compresses the packed inode: the first compressor, the packed pcluster size, no hints and no fragments
    /// of its own.
    /// </summary>
    public static void RunPacked(InodePlan packed, CompressionSetup setup, PclusterSpool spool, int threads)
        => Run([packed], setup, spool, threads, packedInode: true);

    private static void Run(List<InodePlan> inodes, CompressionSetup setup, PclusterSpool spool, int threads, bool packedInode)
    {
        var work = new List<(InodePlan Inode, CompressedFile File, int Segment)>();
        foreach (var inode in inodes)
        {
            // A size-only file has no data to compress: it stays a chunk-based file of holes.
            if (inode.Kind != FileKind.Regular || inode.Size == 0 || inode.Node.Content is null || inode.SizeOnly is not null)
                continue;
            var policy = packedInode ? (0, setup.PackedPclusterBytes) : setup.PolicyFor(inode.Path);
            if (policy is not { } chosen)
                continue;
            var (compressor, pclusterBytes) = chosen;
            var algorithm = setup.Factories[compressor].Settings.Algorithm;
            if (!packedInode && setup.Options.AllFragments)
            {
                inode.Compressed = CompressedFile.WholeFragment((long)inode.Size, compressor, algorithm, pclusterBytes);
                continue;
            }
            int segments = checked((int)((inode.Size + SegmentBytes - 1) / SegmentBytes));
            var file = new CompressedFile((long)inode.Size, compressor, algorithm, segments, pclusterBytes);
            inode.Compressed = file;
            for (int s = 0; s < segments; s++)
                work.Add((inode, file, s));
        }
        bool fragments = !packedInode && setup.UsesFragments;
        using var states = new ThreadLocal<WorkerState>(() => new WorkerState(setup, spool), trackAllValues: true);
        try
        {
            // Longest first, one at a time: no core is left alone with a big segment at the end.
            work.Sort((a, b) => SegmentLength(b.File, b.Segment).CompareTo(SegmentLength(a.File, a.Segment)));
            Workers.ForEach(Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering), threads,
                item => Compress(item.Inode, item.File, item.Segment, states.Value!, setup, fragments));
            foreach (var state in states.Values)
                state.Output.Flush();
        }
        finally
        {
            foreach (var state in states.Values)
                state.Dispose();
        }
    }

    private static int SegmentLength(CompressedFile file, int segment) =>
        (int)Math.Min(SegmentBytes, file.Size - (long)segment * SegmentBytes);

    private static void Compress(InodePlan inode, CompressedFile file, int segment, WorkerState state, CompressionSetup setup,
        bool fragments)
    {
        long start = (long)segment * SegmentBytes;
        int length = SegmentLength(file, segment);
        using var reader = OpenSource(inode);
        var input = new SegmentWindow(state.Input, length, (offset, dest) => ContentReading.ReadAt(inode, reader, start + offset, dest));
        var compressor = new SegmentCompressor(setup.BlockSize, file.PclusterBytes, setup.MaxExtentBytes, setup.Options.TailPacking, fragments);
        state.Output.Begin();
        var result = compressor.Compress(state.Encoder(file.Compressor), input, start,
            segment == file.Segments.Length - 1, state.Output, state.Scratch);
        file.Segments[segment] = new CompressedSegment(result.Extents, state.Output.End(), result.Tail);
        if (result.FragmentStart is { } fragmentStart)
            file.FragmentStart = fragmentStart; // only the last segment ends the file
    }

    private static IContentReader OpenSource(InodePlan inode)
    {
        try
        {
            return inode.Node.Content!.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSourceException($"{inode.Path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>
    /// A worker's input window: four times the longest slice the compressor takes (sliding it then copies at most
    /// a third of what it reads), up to 16 MiB, never less than one slice. No larger: each of its pages costs a
    /// page fault the first time it is filled (16 MiB per worker was 0.1 s of CPU for -zlz4 on /usr/share/dotnet;
    /// LZ4 at 4 KiB pclusters takes 1 MiB slices, so 4 MiB).
    /// </summary>
    private static int WindowBytes(CompressionSetup setup)
    {
        int slice = setup.Factories.Max(f => SegmentCompressor.LargestSlice(
            f.Settings.Algorithm, setup.BlockSize, setup.MaxPclusterBytes, setup.MaxExtentBytes));
        return Math.Max(slice, Math.Min(4 * slice, MaxWindowBytes));
    }

    /// <summary>One worker's encoders (created on first use) and buffers.</summary>
    private sealed class WorkerState(CompressionSetup setup, PclusterSpool spool) : IDisposable
    {
        private readonly IPclusterEncoder?[] _encoders = new IPclusterEncoder?[setup.Factories.Count];

        public byte[] Input { get; } = new byte[WindowBytes(setup)];
        public byte[] Scratch { get; } = new byte[Math.Max(setup.MaxPclusterBytes, EncoderContract.MinOutputBytes)];
        public SpoolWriter Output { get; } = spool.CreateWriter(Math.Max(OutputBufferBytes, setup.MaxPclusterBytes));

        public IPclusterEncoder Encoder(int index) => _encoders[index] ??= setup.Factories[index].Create();

        public void Dispose()
        {
            foreach (var encoder in _encoders)
                encoder?.Dispose();
        }
    }
}
