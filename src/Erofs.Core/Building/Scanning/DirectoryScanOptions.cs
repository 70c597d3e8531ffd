namespace Erofs.Building.Scanning;

/// <summary>What <see cref="DirectorySource.Scan"/> leaves out or changes, as mkfs.erofs's options do.</summary>
public sealed class DirectoryScanOptions
{
    /// <summary>
    /// Paths relative to the source root, compared exactly (mkfs.erofs <c>--exclude-path</c>): no
    /// leading slash, components joined by '/', e.g. <c>var/cache</c>. An excluded directory
    /// drops its whole subtree.
    /// </summary>
    public IReadOnlyCollection<string> ExcludePaths { get; init; } = [];

    /// <summary>
    /// Patterns searched for in each path relative to the root, spelled as for
    /// <see cref="ExcludePaths"/> (mkfs.erofs <c>--exclude-regex</c>); a match leaves the entry
    /// out, and for a directory its whole subtree. The caller keeps ownership of the regexes.
    /// </summary>
    public IReadOnlyList<PosixRegex> ExcludeRegexes { get; init; } = [];

    /// <summary>
    /// Make every name of a multiply linked file an independent copy instead of one shared node
    /// (mkfs.erofs <c>--hard-dereference</c>).
    /// </summary>
    public bool HardDereference { get; init; }

    /// <summary>Read extended attributes, ACLs included (false is mkfs.erofs <c>-x -1</c>).</summary>
    public bool ReadXattrs { get; init; } = true;

    /// <summary>How many directories are listed at once; 1 scans on the calling thread only.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
