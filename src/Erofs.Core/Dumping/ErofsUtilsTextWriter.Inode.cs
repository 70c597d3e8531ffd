using Erofs.Reading;

namespace Erofs.Dumping;

public sealed partial class ErofsUtilsTextWriter
{
    /// <summary>
    /// Writes <c>dump.erofs --path/--nid</c>: the inode lines, then with <paramref name="listDirectory"/>
    /// its entries as <c>--ls</c> shows them, then with <paramref name="listExtents"/> its extents as
    /// <c>-e</c> does. The path shown is the first one a search from the root finds
    /// (<see cref="ErofsUtilsPathName"/>), whatever path was asked for. Lines are written as they
    /// come; a read error ends the listing after what was written (an exception).
    /// </summary>
    public void WriteInode(ErofsImage image, InodeInfo inode, bool listDirectory = false, bool listExtents = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(inode);
        byte[] path = ErofsUtilsPathName.Find(image, inode.Nid) ?? "(not found)"u8.ToArray();
        ulong occupied = ErofsUtilsSizes.Occupied(inode, image.Superblock.BlockSizeBits);
        int access = inode.Mode & 0x1FF;
        Write("Path : "u8);
        Write(path);
        Line("");
        Line($"Size: {Num(inode.Size)}  On-disk size: {Num(occupied)}  {ErofsUtilsStatistics.CategoryLabels[(int)inode.Kind]}");
        Line($"NID: {Num(inode.Nid)}   Links: {Num(inode.Nlink)}   Layout: {(int)inode.Layout}   Compression ratio: {CFormat.Percent(occupied, inode.Size)}%");
        Line($"Inode size: {inode.InodeSize}   Xattr size: {inode.XattrSize}");
        Line($"Uid: {Num(inode.Uid)}   Gid: {Num(inode.Gid)}  Access: {Convert.ToString(access, 8).PadLeft(4, '0')}/{AccessString(access)}");
        Line($"Timestamp: {CTime.Timestamp(inode.MtimeSeconds, TimeZone)}.{inode.MtimeNanoseconds:D9}");
        if (listDirectory)
            WriteEntries(image, inode);
        if (listExtents)
            WriteExtents(image, inode, path);
    }

    // rwx letters of the permission bits only: set-id and sticky bits are not shown.
    private static string AccessString(int access)
    {
        Span<char> text = stackalloc char[9];
        for (int i = 0; i < 9; i++)
            text[i] = ((access >> (8 - i)) & 1) != 0 ? "rwx"[i % 3] : '-';
        return new string(text);
    }

    // Every stored entry, "." and ".." included, in stored order, with its raw dirent type.
    private void WriteEntries(ErofsImage image, InodeInfo inode)
    {
        Line("");
        Line("       NID TYPE  FILENAME");
        if (inode.Kind != FileKind.Directory)
            throw new IOException($"nid {inode.Nid} is not a directory: it has no entries to list");
        foreach (var entry in image.ReadDirectory(inode))
        {
            Write($"{Num(entry.Nid),10}    {entry.FileType}  ");
            Write(UpToNul(entry.NameBytes));
            Line("");
        }
    }

    private void WriteExtents(ErofsImage image, InodeInfo inode, byte[] path)
    {
        Line("");
        Line(" Ext:   logical offset   |  length :     physical offset    |  length");
        int count = 0;
        foreach (var e in ErofsUtilsExtents.Enumerate(image, inode))
        {
            string device = e.Device != 0 ? $"  # device {e.Device}" : "";
            Line($"{count++,4}: {Num(e.LogicalStart),8}..{Num(e.LogicalEnd),8} | {Num(e.Length),7} : {Num(e.PhysicalStart),10}..{Num(e.PhysicalEnd),10} | {Num(e.PhysicalLength),7}{device}");
        }
        Write(path);
        Line($": {count} extents found");
    }

    // dump.erofs copies a name with strncpy and prints it as a C string.
    private static ReadOnlySpan<byte> UpToNul(byte[] name)
    {
        int nul = Array.IndexOf(name, (byte)0);
        return nul < 0 ? name : name.AsSpan(0, nul);
    }
}
