using System.Buffers.Binary;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Fuzz.Targets;

/// <summary>
/// file-read: the input is an image followed by a 28-byte trailer: which regular file (u32, modulo
/// the files found) and four reads (u32 offset, u16 length each; the offset is taken modulo the file
/// size plus a block, so reads also start at and past the end). Each read is checked against the
/// file size and against the same range read again in two halves.
/// </summary>
internal sealed class FileReadTarget : IFuzzTarget
{
    public const int TrailerSize = 4 + (Reads * 6);
    private const int Reads = 4;

    private static readonly ReadOptions Options = ImageWalkTarget.Options with { Conformance = ErofsConformance.Lax };

    private readonly byte[] _whole = new byte[ushort.MaxValue];
    private readonly byte[] _halves = new byte[ushort.MaxValue];

    public string Name => "file-read";

    public void Run(byte[] input)
    {
        if (input.Length <= TrailerSize)
            return;
        var trailer = input.AsSpan(input.Length - TrailerSize);
        ErofsImage image;
        try
        {
            image = ErofsImage.Open(new MemoryBlockSource(input.AsMemory(0, input.Length - TrailerSize)), Options);
        }
        catch (Exception e) when (AllowedExceptions.ForImages(e))
        {
            return;
        }
        using (image)
        {
            var walker = new ImageWalker(image);
            walker.Walk(readData: false);
            if (walker.Files.Count == 0)
                return;
            var file = walker.Files[(int)(BinaryPrimitives.ReadUInt32LittleEndian(trailer) % (uint)walker.Files.Count)];
            for (int i = 0; i < Reads; i++)
            {
                var read = trailer.Slice(4 + (i * 6), 6);
                uint offset = BinaryPrimitives.ReadUInt32LittleEndian(read);
                int length = BinaryPrimitives.ReadUInt16LittleEndian(read[4..]);
                AllowedExceptions.Guard(() => ReadAndCompare(image, file, offset, length), AllowedExceptions.ForImages);
            }
        }
    }

    private void ReadAndCompare(ErofsImage image, InodeInfo file, uint rawOffset, int length)
    {
        ulong span = Math.Min(file.Size, long.MaxValue - 8192UL) + (ulong)image.BlockSize;
        long offset = (long)(rawOffset % span);
        int count = image.Read(file, offset, _whole.AsSpan(0, length));
        long expected = Math.Clamp((long)file.Size - offset, 0, length);
        if (count != expected)
            throw new FuzzInvariantException($"nid {file.Nid}: read of {length} at {offset} returned {count}, size {file.Size} says {expected}");
        int half = count / 2;
        int first = image.Read(file, offset, _halves.AsSpan(0, half));
        int second = image.Read(file, offset + half, _halves.AsSpan(half, count - half));
        if (first != half || second != count - half || !_whole.AsSpan(0, count).SequenceEqual(_halves.AsSpan(0, count)))
            throw new FuzzInvariantException($"nid {file.Nid}: {count} bytes at {offset} differ when read in two halves");
    }
}
