using System.Buffers.Binary;
using Erofs.Building.Layout;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Writing;

/// <summary>Encodes a directory's blocks (dirents then names) once every nid is known.</summary>
internal static class DirectoryWriter
{
    public static void Write(InodePlan dir, int blockSize, Span<byte> meta, OutputFile output)
    {
        var shape = dir.Directory!;
        var block = new byte[blockSize];
        for (int b = 0; b < shape.BlockStarts.Count; b++)
        {
            int first = shape.BlockStarts[b];
            int end = b + 1 < shape.BlockStarts.Count ? shape.BlockStarts[b + 1] : shape.Entries.Count;
            Array.Clear(block);
            Encode(shape.Entries, first, end, block);
            bool isTail = b == shape.BlockStarts.Count - 1 && dir.TailLength > 0;
            if (isTail)
                block.AsSpan(0, dir.TailLength).CopyTo(meta[checked((int)dir.TailOffset)..]);
            else
                output.Write(checked((long)(dir.StartBlock + (ulong)b) * blockSize), block);
        }
    }

    private static void Encode(List<DirectoryChild> entries, int first, int end, Span<byte> block)
    {
        int nameOffset = (end - first) * Dirent.Size;
        for (int i = first; i < end; i++)
        {
            var (name, inode) = entries[i];
            var d = block.Slice((i - first) * Dirent.Size, Dirent.Size);
            BinaryPrimitives.WriteUInt64LittleEndian(d[Dirent.Offsets.Nid..], inode.Nid);
            BinaryPrimitives.WriteUInt16LittleEndian(d[Dirent.Offsets.NameOff..], (ushort)nameOffset);
            d[Dirent.Offsets.FileType] = FileTypeOf(inode.Kind);
            name.CopyTo(block[nameOffset..]);
            nameOffset += name.Length;
        }
    }

    private static byte FileTypeOf(FileKind kind) => kind switch
    {
        FileKind.Regular => 1,
        FileKind.Directory => 2,
        FileKind.CharacterDevice => 3,
        FileKind.BlockDevice => 4,
        FileKind.Fifo => 5,
        FileKind.Socket => 6,
        FileKind.Symlink => 7,
        _ => 0,
    };
}
