using System.Buffers.Binary;
using System.Text;
using Erofs.Dumping;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Dumping;

/// <summary>Walks over images patched into shapes mkfs never makes: loops and very deep trees.</summary>
public sealed class HostileImageTests
{
    private const string Parent = "/deep/level0";
    private const string Child = "level1";

    private static readonly ReadOptions Unchecked = new() { VerifySuperblockChecksum = false };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopsAreCutAndCounted(bool toRoot)
    {
        using var image = PatchedImage(original => toRoot ? original.Root.Nid : original.ResolvePath(Parent)!.Nid);
        var r = StatisticsReport.Collect(image);

        long cut = DumpCorpus.Manifest("plain.manifest.jsonl").Count(e => e.Path.StartsWith($"{Parent}/{Child}/", StringComparison.Ordinal));
        Assert.True(cut > 0);
        Assert.Equal(1, r.DirectoryLoops);
        Assert.Equal(3200 - cut, r.Paths.Total);
        Assert.Equal(3198 - cut - 1, r.Inodes.Total);
        var problem = Assert.Single(r.Problems);
        Assert.Equal($"{Parent}/{Child}", problem.Path);
    }

    [Fact]
    public void PathSearchEndsOnALoopedImage()
    {
        using var original = DumpCorpus.Open("plain.erofs");
        ulong hidden = original.ResolvePath($"{Parent}/{Child}/level2")!.Nid;
        ulong mixed = original.ResolvePath("/big/mixed")!.Nid;
        using var image = PatchedImage(o => o.Root.Nid);

        Assert.Null(InodeReport.ForNid(image, hidden).Path);
        Assert.Equal("/big/mixed", InodeReport.ForNid(image, mixed).Path);
    }

    [Fact]
    public void DepthLimitStopsTheDescent()
    {
        var options = new ReadOptions { Limits = ReadLimits.Default with { MaxDirectoryDepth = 5 } };
        using var image = ErofsImage.Open(DumpCorpus.PathOf("plain.erofs"), options);
        var r = StatisticsReport.Collect(image);
        Assert.Equal(5, r.MaxDepth);
        Assert.True(r.DepthLimitHits >= 1);
        Assert.Contains(r.Problems, p => p.Path == "/deep/level0/level1/level2/level3/level4" && p.Message.Contains("deeper"));
        Assert.True(r.Paths.Total < 3200);
    }

    [Fact]
    public void WalkStopsAfterMoreEntriesThanTheImageCanHold()
    {
        // Claim a single block: the entries really present exceed what one block can hold.
        var bytes = File.ReadAllBytes(DumpCorpus.PathOf("plain.erofs"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(1024 + Erofs.Format.Superblock.Offsets.BlocksLo), 1);
        using var image = ErofsImage.Open(new MemoryBlockSource(bytes), Unchecked);
        var r = StatisticsReport.Collect(image);
        Assert.True(r.EntryLimitReached);
        Assert.Equal(4096 / 13 + 2, r.Paths.Total);
        Assert.Contains(r.Problems, p => p.Message.Contains("walk stopped"));
        Assert.Null(InodeReport.ForNid(image, image.ResolvePath("/hard/c")!.Nid).Path);
    }

    /// <summary>plain.erofs with the entry <see cref="Child"/> of <see cref="Parent"/> pointing elsewhere.</summary>
    internal static ErofsImage PatchedImage(Func<ErofsImage, ulong> target)
    {
        var bytes = File.ReadAllBytes(DumpCorpus.PathOf("plain.erofs"));
        using (var original = DumpCorpus.Open("plain.erofs"))
        {
            long at = DirentNidOffset(original, bytes);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((int)at), target(original));
        }
        // The directory may sit in the first block, which the superblock checksum covers.
        return ErofsImage.Open(new MemoryBlockSource(bytes), Unchecked);
    }

    // Finds the dirent by decoding the directory's blocks straight from the image bytes.
    private static long DirentNidOffset(ErofsImage image, byte[] bytes)
    {
        var dir = image.ResolvePath(Parent)!;
        var wanted = Encoding.UTF8.GetBytes(Child);
        foreach (var extent in image.GetExtents(dir))
        {
            // plain.erofs keeps metadata on the primary device: inline offsets are image offsets.
            Assert.Equal(0, extent.Device);
            for (long start = 0; start < extent.Length; start += image.BlockSize)
            {
                long blockAt = extent.PhysicalOffset + start;
                var block = bytes.AsSpan((int)blockAt, (int)Math.Min(image.BlockSize, extent.Length - start));
                int index = FindInBlock(block, wanted);
                if (index >= 0)
                    return blockAt + index * 12;
            }
        }
        throw new InvalidOperationException($"{Child} not found in {Parent}");
    }

    private static int FindInBlock(ReadOnlySpan<byte> block, ReadOnlySpan<byte> name)
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(block[8..]) / 12;
        for (int i = 0; i < count; i++)
        {
            int start = BinaryPrimitives.ReadUInt16LittleEndian(block[(i * 12 + 8)..]);
            int end = i + 1 < count ? BinaryPrimitives.ReadUInt16LittleEndian(block[((i + 1) * 12 + 8)..]) : block.Length;
            var entry = block[start..end];
            int nul = entry.IndexOf((byte)0);
            if ((nul < 0 ? entry : entry[..nul]).SequenceEqual(name))
                return i;
        }
        return -1;
    }
}
