namespace Erofs.Building.Tar;

/// <summary>
/// What extended headers said about the next entry (PAX 'x', GNU 'L' and 'K'), or about every
/// later entry (PAX 'g', with <c>isGlobal</c>: only owner, time, device and xattr keys apply).
/// A PAX record with an empty value removes an earlier override of that key.
/// </summary>
internal sealed class EntryOverrides(bool isGlobal)
{
    /// <summary>Cap on all extended header bytes gathered for one entry (or for the globals).</summary>
    public const long MaxAccumulatedBytes = 4L << 20;

    private long _accumulatedBytes;

    /// <summary>PAX path.</summary>
    public byte[]? Path { get; private set; }
    /// <summary>PAX linkpath.</summary>
    public byte[]? LinkPath { get; private set; }
    /// <summary>GNU 'L' long name.</summary>
    public byte[]? LongName { get; private set; }
    /// <summary>GNU 'K' long link name.</summary>
    public byte[]? LongLink { get; private set; }
    /// <summary>PAX size.</summary>
    public long? Size { get; private set; }
    /// <summary>PAX uid.</summary>
    public uint? Uid { get; private set; }
    /// <summary>PAX gid.</summary>
    public uint? Gid { get; private set; }
    /// <summary>PAX mtime.</summary>
    public (long Seconds, uint Nanoseconds)? Mtime { get; private set; }
    /// <summary>SCHILY.devmajor.</summary>
    public uint? DevMajor { get; private set; }
    /// <summary>SCHILY.devminor.</summary>
    public uint? DevMinor { get; private set; }
    /// <summary>Extended attributes by name (SCHILY.xattr and LIBARCHIVE.xattr).</summary>
    public Dictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);
    /// <summary>GNU.sparse.* records.</summary>
    public PaxSparseInfo Sparse { get; } = new();

    /// <summary>Whether nothing has been set (an extended header must be followed by an entry).</summary>
    public bool IsEmpty => _accumulatedBytes == 0;

    /// <summary>Counts extended header bytes against <see cref="MaxAccumulatedBytes"/>.</summary>
    public void Account(long bytes, long offset, TarErrors errors)
    {
        _accumulatedBytes += Math.Max(bytes, 1);
        if (_accumulatedBytes > MaxAccumulatedBytes)
            throw errors.At(offset, $"extended headers exceed {MaxAccumulatedBytes} bytes for one entry");
    }

    /// <summary>Records a GNU 'L' long name.</summary>
    public void SetLongName(byte[] name) => LongName = name;

    /// <summary>Records a GNU 'K' long link name.</summary>
    public void SetLongLink(byte[] name) => LongLink = name;

    /// <summary>Applies the records of one PAX header whose data starts at <paramref name="offset"/>.</summary>
    public void Apply(IEnumerable<PaxRecord> records, long offset, TarErrors errors)
    {
        foreach (var record in records)
        {
            var value = new PaxValue(record, offset, errors);
            if (!ApplyXattr(record, value) && !ApplyCommon(record.Key, value) && !isGlobal)
                ApplyPerEntry(record.Key, value);
        }
    }

    private bool ApplyCommon(string key, PaxValue value)
    {
        switch (key)
        {
            case "uid": Uid = value.IsEmpty ? null : value.AsId(); return true;
            case "gid": Gid = value.IsEmpty ? null : value.AsId(); return true;
            case "mtime": Mtime = value.IsEmpty ? null : value.AsTime(); return true;
            case "SCHILY.devmajor": DevMajor = value.IsEmpty ? null : value.AsId(); return true;
            case "SCHILY.devminor": DevMinor = value.IsEmpty ? null : value.AsId(); return true;
            default: return false;
        }
    }

    private void ApplyPerEntry(string key, PaxValue value)
    {
        switch (key)
        {
            case "path": Path = value.IsEmpty ? null : value.Bytes; break;
            case "linkpath": LinkPath = value.IsEmpty ? null : value.Bytes; break;
            case "size": Size = value.IsEmpty ? null : value.AsSize(); break;
            default: Sparse.Apply(key, value); break; // other keys (atime, ctime, uname, ...) are ignored
        }
    }

    private bool ApplyXattr(PaxRecord record, PaxValue value)
    {
        if (record.Key.StartsWith(PaxXattrNames.SchilyPrefix, StringComparison.Ordinal))
        {
            Xattrs[value.XattrName(record.Key[PaxXattrNames.SchilyPrefix.Length..])] = record.Value;
            return true;
        }
        if (record.Key.StartsWith(PaxXattrNames.LibarchivePrefix, StringComparison.Ordinal))
        {
            var name = PaxXattrNames.PercentDecode(record.Key[PaxXattrNames.LibarchivePrefix.Length..], value);
            Xattrs[value.XattrName(name)] = value.AsBase64();
            return true;
        }
        return false;
    }
}
