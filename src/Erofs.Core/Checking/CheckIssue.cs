namespace Erofs.Checking;

/// <summary>One problem found by <see cref="ImageChecker"/>: where (path, nid, offset) and what.</summary>
public sealed record CheckIssue(string Path, ulong? Nid, long? Offset, string Message)
{
    /// <summary>One line: path, location and message.</summary>
    public override string ToString()
    {
        var where = new List<string>(2);
        if (Nid is { } n)
            where.Add($"nid {n}");
        if (Offset is { } o)
            where.Add($"offset {o}");
        return where.Count == 0 ? $"{Path}: {Message}" : $"{Path}: {Message} ({string.Join(", ", where)})";
    }
}
