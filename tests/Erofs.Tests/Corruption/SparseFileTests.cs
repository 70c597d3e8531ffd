using Erofs.Checking;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Corruption;

/// <summary>
/// A 2 MiB image can describe a file of 2^50 bytes that is all holes (128 block-map entries of
/// 0xFFFFFFFF, 2^43-byte chunks). Checking it must not mean producing a pebibyte of zeros.
/// </summary>
public sealed class SparseFileTests
{
    private const ulong HugeSize = 1UL << 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void FsckWithoutDataReadingFinishesOnAPebibyteOfHoles()
    {
        var (image, nid) = PebibyteOfHoles();
        using var opened = image.Open();
        var issues = Bounded.Run(() => new ImageChecker(opened).Check(), "fsck");
        Assert.DoesNotContain(issues, i => i.Nid == nid);
    }

    [Fact]
    public async Task FsckReadingAllDataDoesNotSpendForeverOnHoles()
    {
        // Holes need no reading (erofs-utils seeks over them). The source is switched off after
        // the deadline so that a looping checker dies at its next chunk lookup instead of spinning on.
        var (image, _) = PebibyteOfHoles();
        var source = new SwitchableBlockSource(image.Bytes);
        using var opened = ErofsImage.Open(source, HostileImage.NoChecksum);
        var task = Task.Run(() => new ImageChecker(opened, new CheckOptions { ReadAllData = true }).Check());
        bool finished = await Task.WhenAny(task, Task.Delay(Deadline)) == task;
        source.SwitchOff();
        Assert.True(finished, $"fsck reading all data did not finish within {Deadline.TotalSeconds} s on a {HugeSize}-byte sparse file");
    }

    // /sizes/text_1000 of "chunked" rewritten as an extended CHUNK_BASED inode: 2^50 bytes,
    // 2^43-byte chunks (31 extra bits), a block map of 128 holes. The 64-byte inode and its
    // table overwrite the inodes after it, which then fail on their own.
    private static (HostileImage Image, ulong Nid) PebibyteOfHoles()
    {
        var image = HostileImage.Load("chunked");
        var inode = image.Inode("/sizes/text_1000");
        long at = inode.Location;
        Array.Clear(image.Bytes, (int)at, InodeFields.ExtendedSize);
        image.WriteU16(at + InodeFields.Extended.Format, (ushort)(InodeFields.VersionBit | (int)InodeLayout.ChunkBased << InodeFields.LayoutShift));
        image.WriteU16(at + InodeFields.Extended.Mode, inode.Mode);
        image.WriteU64(at + InodeFields.Extended.Size, HugeSize);
        image.WriteU32(at + InodeFields.Extended.U, ChunkFormat.BlockBitsMask);
        image.WriteU32(at + InodeFields.Extended.Nlink, 1);
        int chunks = (int)(HugeSize >> (image.Superblock.BlockSizeBits + ChunkFormat.BlockBitsMask));
        long table = ChunkMapper.AlignUp(at + InodeFields.ExtendedSize, ChunkFormat.BlockMapEntrySize);
        Array.Fill(image.Bytes, (byte)0xFF, (int)table, chunks * ChunkFormat.BlockMapEntrySize);
        return (image, inode.Nid);
    }

    private sealed class SwitchableBlockSource(byte[] bytes) : IBlockSource
    {
        private readonly MemoryBlockSource _inner = new(bytes);
        private volatile bool _off;

        public long Length => _inner.Length;

        public void SwitchOff() => _off = true;

        public void Read(long offset, Span<byte> buffer)
        {
            if (_off)
                throw new IOException("source switched off by the test after its deadline");
            _inner.Read(offset, buffer);
        }

        public void Dispose() => _inner.Dispose();
    }
}
