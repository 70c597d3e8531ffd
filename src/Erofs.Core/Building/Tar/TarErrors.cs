namespace Erofs.Building.Tar;

/// <summary>Builds the one-line errors of one archive, each naming the archive and an offset.</summary>
/// <param name="archiveName">How the archive is named in messages (its path, or "standard input").</param>
internal sealed class TarErrors(string archiveName)
{
    /// <summary>How the archive is named in messages.</summary>
    public string ArchiveName => archiveName;

    /// <summary>The archive is wrong at an offset.</summary>
    public InvalidSourceException At(long offset, string what) =>
        new($"tar '{archiveName}': {what} at offset {offset}");

    /// <summary>An entry is wrong; <paramref name="headerOffset"/> is where its header starts.</summary>
    public InvalidSourceException Entry(string path, long headerOffset, string what) =>
        new($"tar '{archiveName}': entry '{path}' (header at offset {headerOffset}): {what}");
}
