namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>What <see cref="TreeComparer"/> leaves out. (Access and change times are never compared.)</summary>
public sealed record TreeCompareOptions
{
    /// <summary>Compare everything.</summary>
    public static TreeCompareOptions Default { get; } = new();

    /// <summary>Properties ignored for every path.</summary>
    public TreeProperties Ignore { get; init; }

    /// <summary>Ignore the mtime of directories.</summary>
    public bool IgnoreDirectoryMtime { get; init; }

    /// <summary>Ignore the mtime, uid, gid and mode of the root directory (<c>/</c>).</summary>
    public bool IgnoreRootAttributes { get; init; }

    /// <summary>Per-entry ignores, given the expected entry (or the actual one for extra paths).</summary>
    public Func<ManifestEntry, TreeProperties>? IgnoreWhere { get; init; }

    /// <summary>Only paths for which this returns true are compared (default: all).</summary>
    public Func<string, bool>? PathFilter { get; init; }

    /// <summary>Only xattr names for which this returns true are compared (default: all).</summary>
    public Func<string, bool>? XattrFilter { get; init; }

    /// <summary>The properties ignored for this entry.</summary>
    public TreeProperties IgnoredFor(ManifestEntry entry)
    {
        var ignored = Ignore;
        if (IgnoreDirectoryMtime && entry.Type == FileType.Directory)
        {
            ignored |= TreeProperties.Mtime;
        }

        if (IgnoreRootAttributes && entry.Path == "/")
        {
            ignored |= TreeProperties.Mtime | TreeProperties.Uid | TreeProperties.Gid | TreeProperties.Mode;
        }

        if (IgnoreWhere != null)
        {
            ignored |= IgnoreWhere(entry);
        }

        return ignored;
    }
}
