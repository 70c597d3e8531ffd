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

    /// <summary>The issue an error at <paramref name="path"/> makes: located where the error says, else at <paramref name="nid"/>.</summary>
    internal static CheckIssue Of(string path, ulong nid, Exception e) => e is ErofsContentException content
        ? new CheckIssue(path, content.Nid ?? nid, content.Offset, content.Reason)
        : new CheckIssue(path, nid, null, e.Message);
}
