using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>
/// Turns one file header, with what the extended headers before it said, into a
/// <see cref="TarEntry"/>: path, type, metadata, xattrs, link target, device number and content.
/// </summary>
internal sealed class TarEntryReader(TarSource source)
{
    private const uint PermissionMask = 0xFFF;
    private const uint RegularType = 0x8000, DirectoryType = 0x4000, SymlinkType = 0xA000;
    private const uint CharDeviceType = 0x2000, BlockDeviceType = 0x6000, FifoType = 0x1000;

    private TarErrors Errors => source.Errors;

    /// <summary>The S_IFMT type of a file type flag, or null for a flag that is not a file.</summary>
    public static uint? FileTypeOf(byte typeFlag) => typeFlag switch
    {
        (byte)'0' or 0 or (byte)'7' or (byte)'S' or (byte)'1' => RegularType,
        (byte)'2' => SymlinkType,
        (byte)'3' => CharDeviceType,
        (byte)'4' => BlockDeviceType,
        (byte)'5' => DirectoryType,
        (byte)'6' => FifoType,
        _ => null,
    };

    /// <summary>
    /// Checks that <paramref name="size"/> bytes at <paramref name="dataOffset"/>, padded to a block,
    /// lie inside the archive, and returns the offset after them (the next header).
    /// </summary>
    public long EndOfData(long dataOffset, long size, Func<string, InvalidSourceException> fail)
    {
        long available = source.Length - dataOffset;
        if (size < 0)
            throw fail($"size {size} is negative");
        if (size > available)
            throw fail($"{size} bytes of data run past the end of the archive ({source.Length} bytes)");
        long padded = TarSparseMaps.RoundUp(size);
        if (padded > available)
            throw fail($"archive ends inside the padding after the data (at {source.Length} bytes)");
        return dataOffset + padded;
    }

    /// <summary>Reads the entry of <paramref name="header"/>, whose flag is a file type.</summary>
    public TarEntry Read(TarHeader header, EntryOverrides entry, EntryOverrides global, out long nextOffset)
    {
        var path = entry.Sparse.Name ?? entry.Path ?? entry.LongName ?? header.Name();
        string display = TarPath.Display(path);
        InvalidSourceException Fail(string what) => Errors.Entry(display, header.Offset, what);
        var components = TarPath.Split(path, Fail);
        long size = entry.Size ?? header.Number(TarField.Size, Errors);
        long dataOffset = header.Offset + TarHeader.BlockSize;
        List<(long, long)>? oldGnuMap = header.TypeFlag == (byte)'S'
            ? TarSparseMaps.ReadOldGnu(header, source, Fail, out dataOffset)
            : null;
        nextOffset = EndOfData(dataOffset, size, Fail);
        byte[] link = entry.LinkPath ?? entry.LongLink ?? header.LinkName();
        if (header.TypeFlag == (byte)'1')
            return new TarEntry(components, display, header.Offset, null, TarPath.Split(link, w => Fail("hard link target: " + w)));
        var node = NewNode(header, entry, global);
        if (oldGnuMap is not null)
            node.Content = TarSparseMaps.Build(oldGnuMap, header.Number(TarField.GnuRealSize, Errors), dataOffset, size, source, Fail);
        else
            FillByKind(node, header, entry, global, link, dataOffset, size, Fail);
        return new TarEntry(components, display, header.Offset, node, null);
    }

    private SourceNode NewNode(TarHeader header, EntryOverrides entry, EntryOverrides global)
    {
        var (seconds, nanoseconds) = entry.Mtime ?? global.Mtime ?? (header.Number(TarField.Mtime, Errors), 0u);
        var node = new SourceNode
        {
            Mode = FileTypeOf(header.TypeFlag)!.Value | ((uint)header.Number(TarField.Mode, Errors) & PermissionMask),
            Uid = entry.Uid ?? global.Uid ?? HeaderId(header, TarField.Uid),
            Gid = entry.Gid ?? global.Gid ?? HeaderId(header, TarField.Gid),
            MtimeSeconds = seconds,
            MtimeNanoseconds = nanoseconds,
        };
        foreach (var (name, value) in global.Xattrs)
            if (!entry.Xattrs.ContainsKey(name))
                node.Xattrs.Add(new SourceXattr(name, value));
        foreach (var (name, value) in entry.Xattrs)
            node.Xattrs.Add(new SourceXattr(name, value));
        return node;
    }

    private uint HeaderId(TarHeader header, TarField field, bool allowBlank = false)
    {
        long value = header.Number(field, Errors, allowBlank);
        if (value is < 0 or > uint.MaxValue)
            throw Errors.At(header.Offset, $"header field '{field.Name}' value {value} is out of range");
        return (uint)value;
    }

    private void FillByKind(SourceNode node, TarHeader header, EntryOverrides entry, EntryOverrides global,
        byte[] link, long dataOffset, long size, Func<string, InvalidSourceException> fail)
    {
        switch (header.TypeFlag)
        {
            case (byte)'2':
                if (link.Contains((byte)0))
                    throw fail("symlink target contains a NUL byte");
                node.LinkTarget = link;
                break;
            case (byte)'3' or (byte)'4':
                node.RdevMajor = entry.DevMajor ?? global.DevMajor ?? HeaderId(header, TarField.DevMajor, allowBlank: true);
                node.RdevMinor = entry.DevMinor ?? global.DevMinor ?? HeaderId(header, TarField.DevMinor, allowBlank: true);
                break;
            case (byte)'0' or 0 or (byte)'7':
                node.Content = RegularContent(entry.Sparse, dataOffset, size, fail);
                break;
        }
    }

    private TarContent? RegularContent(PaxSparseInfo sparse, long dataOffset, long size, Func<string, InvalidSourceException> fail)
    {
        if (!sparse.IsSparse)
            return size == 0 ? null : new TarContent(source, size, [new LocatedRange(0, size, dataOffset)], sparse: false);
        sparse.Validate(fail);
        long realSize = sparse.RealSize!.Value;
        if (!sparse.MapInData)
            return TarSparseMaps.Build(sparse.Map, realSize, dataOffset, size, source, fail);
        var map = TarSparseMaps.ReadFromData(source, dataOffset, size, fail, out long mapBytes);
        return TarSparseMaps.Build(map, realSize, dataOffset + mapBytes, size - mapBytes, source, fail);
    }
}
