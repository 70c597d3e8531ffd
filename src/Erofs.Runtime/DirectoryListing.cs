using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>
/// The entries of a directory; READDIR offsets are indexes into them, which stay valid however the
/// kernel pages through them because the image never changes. "." and ".." come first when the image
/// omits them.
/// </summary>
internal sealed class DirectoryListing
{
    /// <summary>EROFS_FT_DIR, the dirent type of directories.</summary>
    private const byte DirectoryType = 2;

    private DirectoryListing(InodeInfo directory, List<DirectoryEntry> entries)
    {
        Directory = directory;
        Entries = entries;
    }

    /// <summary>The directory.</summary>
    public InodeInfo Directory { get; }

    /// <summary>Its entries, "." and ".." included.</summary>
    public IReadOnlyList<DirectoryEntry> Entries { get; }

    private Dictionary<ulong, int>? _indexes;

    /// <summary>The position of the first entry naming <paramref name="nid"/>, or -1 (the index is built at the first call).</summary>
    public int IndexOf(ulong nid)
    {
        var indexes = LazyInitializer.EnsureInitialized(ref _indexes, () =>
        {
            var built = new Dictionary<ulong, int>(Entries.Count);
            for (int i = Entries.Count - 1; i >= 0; i--)
                built[Entries[i].Nid] = i;
            return built;
        });
        return indexes.TryGetValue(nid, out int index) ? index : -1;
    }

    /// <summary>Reads every entry of <paramref name="directory"/>.</summary>
    /// <exception cref="ErofsContentException">The directory is damaged.</exception>
    public static DirectoryListing Load(ErofsImage image, InodeInfo directory)
    {
        var entries = image.ReadDirectory(directory).ToList();
        if (!entries.Any(e => e.NameBytes is [(byte)'.', (byte)'.']))
            entries.Insert(0, new DirectoryEntry(".."u8.ToArray(), directory.Nid, DirectoryType));
        if (!entries.Any(e => e.NameBytes is [(byte)'.']))
            entries.Insert(0, new DirectoryEntry("."u8.ToArray(), directory.Nid, DirectoryType));
        return new DirectoryListing(directory, entries);
    }
}
