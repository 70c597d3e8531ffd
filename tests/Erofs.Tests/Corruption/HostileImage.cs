using System.Buffers.Binary;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Corruption;

/// <summary>
/// A corpus image held in memory so tests can patch its bytes. Structures are located by
/// decoding the pristine image with the library itself (never by magic offsets).
/// </summary>
internal sealed class HostileImage
{
    /// <summary>CRC checking off: flips in the first block must reach the field they hit.</summary>
    public static readonly ReadOptions NoChecksum = new() { VerifySuperblockChecksum = false };

    /// <summary>As <see cref="NoChecksum"/>, but without the strict "image shorter than blocks" check.</summary>
    public static readonly ReadOptions NoChecksumLax = NoChecksum with { Conformance = ErofsConformance.Lax };

    private HostileImage(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
    }

    public string Name { get; }

    public byte[] Bytes { get; private set; }

    /// <summary>Extra device contents opened alongside the image (blobdev, tar-index).</summary>
    public List<byte[]> Devices { get; } = [];

    /// <summary>An image from bytes made by a test (the builder, mkfs.erofs); the bytes are copied.</summary>
    public static HostileImage FromBytes(string name, byte[] bytes) => new(name, (byte[])bytes.Clone());

    public static HostileImage Load(string name)
    {
        var image = new HostileImage(name, Corpus.Load(name));
        if (name is "blobdev" or "tar-index")
            image.Devices.Add(Corpus.LoadFile(name + ".blob"));
        return image;
    }

    public Superblock Superblock => Superblock.Parse(Bytes.AsSpan(Superblock.Position, Superblock.ReadSize));

    /// <summary>Absolute offset of superblock field <paramref name="fieldOffset"/> (a Superblock.Offsets constant).</summary>
    public static long SuperblockField(int fieldOffset) => Superblock.Position + fieldOffset;

    /// <summary>Opens the current bytes; devices come from <see cref="Devices"/>.</summary>
    public ErofsImage Open(ReadOptions? options = null)
    {
        options ??= NoChecksum;
        if (Devices.Count > 0 && options.Devices.Count == 0)
            options = options with { Devices = [.. Devices.Select(d => (IBlockSource)new MemoryBlockSource(d))] };
        return ErofsImage.Open(new MemoryBlockSource(Bytes), options);
    }

    /// <summary>Decodes the inode at <paramref name="path"/> from the current bytes (so: call it before patching).</summary>
    public InodeInfo Inode(string path)
    {
        using var image = Open();
        return image.ResolvePath(path) ?? throw new InvalidOperationException($"{Name}: no {path}");
    }

    /// <summary>The entries of a directory with the absolute byte offset of each dirent and name.</summary>
    public List<LocatedDirent> Dirents(string directoryPath)
    {
        using var image = Open();
        var dir = image.ResolvePath(directoryPath) ?? throw new InvalidOperationException($"{Name}: no {directoryPath}");
        var result = new List<LocatedDirent>();
        var buffer = new byte[image.BlockSize];
        for (long b = 0; b < image.Directories.BlockCount(dir); b++)
        {
            var extent = image.MapExtent(dir, b * image.BlockSize);
            long blockStart = extent.PhysicalOffset + (b * image.BlockSize - extent.LogicalOffset);
            var entries = image.Directories.ReadBlock(dir, b, buffer);
            for (int i = 0; i < entries.Count; i++)
            {
                var d = Dirent.Parse(buffer.AsSpan(i * Dirent.Size));
                result.Add(new LocatedDirent(entries[i], blockStart, blockStart + i * Dirent.Size, blockStart + d.NameOffset, i, entries.Count));
            }
        }
        return result;
    }

    public void Truncate(int length) => Bytes = Bytes[..length];

    public void Xor(long offset, byte mask) => Bytes[offset] ^= mask;

    public void WriteU8(long offset, byte value) => Bytes[offset] = value;

    public void WriteU16(long offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)offset), value);

    public void WriteU32(long offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan((int)offset), value);

    public void WriteU64(long offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan((int)offset), value);

    public ushort ReadU16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan((int)offset));

    public uint ReadU32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)offset));

    /// <summary>Recomputes the superblock CRC so a patch is seen by readers that verify it.</summary>
    public void FixChecksum()
    {
        int covered = SuperblockChecksum.CoveredLength(Superblock.BlockSize);
        uint crc = SuperblockChecksum.Compute(Bytes.AsSpan(Superblock.Position, covered));
        WriteU32(SuperblockField(Superblock.Offsets.Checksum), crc);
    }
}
