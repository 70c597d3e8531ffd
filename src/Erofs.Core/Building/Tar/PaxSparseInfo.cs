namespace Erofs.Building.Tar;

/// <summary>
/// The GNU.sparse.* records of one entry: format 0.0 (repeated offset/numbytes pairs), 0.1 (one
/// comma-separated map) and 1.0 (major=1, minor=0: the map is at the start of the data).
/// </summary>
internal sealed class PaxSparseInfo
{
    private long? _pendingOffset;

    /// <summary>GNU.sparse.major.</summary>
    public long? Major { get; private set; }
    /// <summary>GNU.sparse.minor.</summary>
    public long? Minor { get; private set; }
    /// <summary>GNU.sparse.name: the real path of the file.</summary>
    public byte[]? Name { get; private set; }
    /// <summary>GNU.sparse.size (0.x) or GNU.sparse.realsize (1.0).</summary>
    public long? RealSize { get; private set; }
    /// <summary>Map of format 0.0 or 0.1: (offset, length) pairs.</summary>
    public List<(long Offset, long Length)> Map { get; } = [];

    /// <summary>Whether the map lives at the start of the data (format 1.0).</summary>
    public bool MapInData => Major == 1;

    /// <summary>Whether any record made the entry sparse.</summary>
    public bool IsSparse => Major is not null || RealSize is not null || Map.Count > 0;

    /// <summary>Takes one GNU.sparse.* record; other keywords are ignored.</summary>
    public void Apply(string key, PaxValue value)
    {
        switch (key)
        {
            case "GNU.sparse.major": Major = value.AsSize(); break;
            case "GNU.sparse.minor": Minor = value.AsSize(); break;
            case "GNU.sparse.name": Name = value.Bytes; break;
            case "GNU.sparse.size":
            case "GNU.sparse.realsize": RealSize = value.AsSize(); break;
            case "GNU.sparse.offset": TakeOffset(value); break;
            case "GNU.sparse.numbytes": TakeLength(value); break;
            case "GNU.sparse.map": TakeMap(value); break;
        }
    }

    /// <summary>Fails when the records leave a pair half-finished or name an unknown version.</summary>
    public void Validate(Func<string, InvalidSourceException> fail)
    {
        if (_pendingOffset is not null)
            throw fail("GNU.sparse.offset without its GNU.sparse.numbytes");
        if ((Major is not null and not 0 and not 1) || (Major == 1 && Minor is not null and not 0))
            throw fail($"unsupported GNU sparse format {Major}.{Minor}");
        if (RealSize is null)
            throw fail("GNU sparse entry without GNU.sparse.size or GNU.sparse.realsize");
    }

    private void TakeOffset(PaxValue value)
    {
        if (_pendingOffset is not null)
            throw value.Invalid("follows a GNU.sparse.offset that has no GNU.sparse.numbytes");
        _pendingOffset = value.AsSize();
    }

    private void TakeLength(PaxValue value)
    {
        if (_pendingOffset is not { } offset)
            throw value.Invalid("has no GNU.sparse.offset before it");
        Map.Add((offset, value.AsSize()));
        _pendingOffset = null;
    }

    private void TakeMap(PaxValue value)
    {
        Map.Clear();
        if (value.IsEmpty)
            return;
        var text = value.Bytes.AsSpan();
        long? offset = null;
        foreach (var range in text.Split((byte)','))
        {
            if (!TarNumbers.TryParseDecimal(text[range], out long number))
                throw value.Invalid("is not a comma-separated list of numbers");
            if (offset is { } start)
            {
                Map.Add((start, number));
                offset = null;
            }
            else
            {
                offset = number;
            }
        }
        if (offset is not null)
            throw value.Invalid("has an odd count of numbers");
    }
}
