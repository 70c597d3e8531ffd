namespace Erofs;

/// <summary>
/// Thrown when the bytes of an image (or an extra device) violate the EROFS format.
/// (System.IO.InvalidDataException is sealed, so this derives from Exception.)
/// Carries the inode number and the byte offset where the problem was found, when known.
/// </summary>
public sealed class ErofsContentException : Exception
{
    /// <summary>Creates an exception with a message and optional location.</summary>
    public ErofsContentException(string message, ulong? nid = null, long? offset = null)
        : base(Describe(message, nid, offset))
    {
        Nid = nid;
        Offset = offset;
        Reason = message;
    }

    /// <summary>The inode (nid) being read when the problem was found, if any.</summary>
    public ulong? Nid { get; }

    /// <summary>The byte offset in the image (or metadata space) of the bad structure, if known.</summary>
    public long? Offset { get; }

    /// <summary>The bare reason, without the location suffix.</summary>
    public string Reason { get; }

    private static string Describe(string message, ulong? nid, long? offset)
    {
        if (nid is null && offset is null)
            return message;
        var where = new List<string>(2);
        if (nid is { } n)
            where.Add($"nid {n}");
        if (offset is { } o)
            where.Add($"offset {o}");
        return $"{message} ({string.Join(", ", where)})";
    }
}
