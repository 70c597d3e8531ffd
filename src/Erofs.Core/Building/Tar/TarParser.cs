namespace Erofs.Building.Tar;

/// <summary>
/// Walks the header blocks of an archive: extended headers (PAX 'x' and 'g', GNU 'L' and 'K')
/// are gathered for the entry after them, file entries go to the sink, other types are skipped.
/// The archive ends at two zero blocks, or at its end when that falls on a header boundary.
/// </summary>
internal sealed class TarParser(TarSource source, Action<TarEntry> sink)
{
    private readonly EntryOverrides _global = new(isGlobal: true);
    private readonly TarEntryReader _entries = new(source);
    private EntryOverrides _pending = new(isGlobal: false);

    private TarErrors Errors => source.Errors;

    /// <summary>Reads every header and sends each file entry to the sink, in archive order.</summary>
    public void Run()
    {
        long offset = 0;
        int zeroBlocks = 0;
        while (offset < source.Length && zeroBlocks < 2)
        {
            if (source.Length - offset < TarHeader.BlockSize)
                throw Errors.At(offset, $"archive ends inside a header block ({source.Length} bytes)");
            var block = new byte[TarHeader.BlockSize];
            source.ReadExactly(offset, block);
            if (TarHeader.IsZeroBlock(block))
            {
                zeroBlocks++;
                offset += TarHeader.BlockSize;
                continue;
            }
            zeroBlocks = 0; // a lone zero block inside the archive is tolerated
            offset = Handle(TarHeader.Parse(block, offset, Errors));
        }
        if (!_pending.IsEmpty)
            throw Errors.At(offset, "archive ends after an extended header that no entry follows");
    }

    /// <summary>Handles one header; returns the offset of the next one.</summary>
    private long Handle(TarHeader header)
    {
        long dataOffset = header.Offset + TarHeader.BlockSize;
        switch (header.TypeFlag)
        {
            case (byte)'x':
                _pending.Apply(ReadPax(header, _pending, out long next), dataOffset, Errors);
                return next;
            case (byte)'g':
                _global.Apply(ReadPax(header, _global, out next), dataOffset, Errors);
                return next;
            case (byte)'L':
                _pending.SetLongName(ReadLongName(header, out next));
                return next;
            case (byte)'K':
                _pending.SetLongLink(ReadLongName(header, out next));
                return next;
            case (byte)'V': // GNU volume label: not a file
                return MetaEnd(header, long.MaxValue, "volume header", out _);
        }
        var overrides = _pending;
        _pending = new EntryOverrides(isGlobal: false);
        if (TarEntryReader.FileTypeOf(header.TypeFlag) is null)
        {
            // Like mkfs.erofs, entries of unknown types (GNU dumpdir, multi-volume, ...) are skipped.
            long size = overrides.Size ?? header.Number(TarField.Size, Errors);
            return _entries.EndOfData(dataOffset, size, w => Errors.At(header.Offset, $"entry of type '{(char)header.TypeFlag}': {w}"));
        }
        sink(_entries.Read(header, overrides, _global, out long nextOffset));
        return nextOffset;
    }

    private List<PaxRecord> ReadPax(TarHeader header, EntryOverrides target, out long next)
    {
        next = MetaEnd(header, PaxRecords.MaxHeaderSize, "PAX extended header", out long size);
        target.Account(size, header.Offset, Errors);
        var data = new byte[size];
        source.ReadExactly(header.Offset + TarHeader.BlockSize, data);
        return PaxRecords.Parse(data, header.Offset + TarHeader.BlockSize, Errors);
    }

    private byte[] ReadLongName(TarHeader header, out long next)
    {
        next = MetaEnd(header, PaxRecords.MaxHeaderSize, "GNU long name header", out long size);
        _pending.Account(size, header.Offset, Errors);
        var data = new byte[size];
        source.ReadExactly(header.Offset + TarHeader.BlockSize, data);
        return TarHeader.CString(data).ToArray();
    }

    /// <summary>Checks the size of a header's data against a cap and the archive; returns the next offset.</summary>
    private long MetaEnd(TarHeader header, long maxSize, string what, out long size)
    {
        size = header.Number(TarField.Size, Errors);
        if (size > maxSize)
            throw Errors.At(header.Offset, $"{what} of {size} bytes is larger than the {maxSize} accepted");
        return _entries.EndOfData(header.Offset + TarHeader.BlockSize, size, w => Errors.At(header.Offset, $"{what}: {w}"));
    }
}
