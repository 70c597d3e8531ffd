using System.Text;

namespace Erofs.Building.Scanning;

/// <summary>
/// mkfs.erofs's exclude rules: an entry is left out when its path relative to the root (no
/// leading slash) equals an exclude path, or when an exclude regex matches somewhere in it.
/// </summary>
internal sealed class ExcludeFilter
{
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _paths;
    private readonly int _pathCount;
    private readonly PosixRegex[] _regexes;

    internal ExcludeFilter(IReadOnlyCollection<string> paths, IReadOnlyList<PosixRegex> regexes)
    {
        var set = new HashSet<byte[]>(ByteSequenceComparer.Instance);
        foreach (var path in paths)
            set.Add(Encoding.UTF8.GetBytes(path ?? throw new ArgumentException("An exclude path is null.", nameof(paths))));
        _paths = set.GetAlternateLookup<ReadOnlySpan<byte>>();
        _pathCount = set.Count;
        _regexes = [.. regexes];
        if (Array.IndexOf(_regexes, null) >= 0)
            throw new ArgumentException("An exclude regex is null.", nameof(regexes));
    }

    /// <summary>Whether the entry at <paramref name="relativePath"/> is left out.</summary>
    internal bool IsExcluded(ReadOnlySpan<byte> relativePath)
    {
        if (_pathCount > 0 && _paths.Contains(relativePath))
            return true;
        foreach (var regex in _regexes)
            if (regex.IsMatch(relativePath))
                return true;
        return false;
    }
}
