using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>
/// A tar archive read into a source tree: ustar, GNU and PAX headers, GNU long names, GNU sparse
/// files (old GNU, PAX 0.0, 0.1 and 1.0), binary xattrs (SCHILY and LIBARCHIVE), hard links and
/// devices. File data is never held in memory: each file's content reads the archive positionally,
/// in place for a seekable uncompressed file, else from a spooled copy. Keep the archive open
/// while the tree's contents are read; <see cref="Dispose"/> closes everything.
/// </summary>
public sealed class TarArchive : IDisposable
{
    private readonly TarSource _source;

    private TarArchive(TarSource source, SourceNode root)
    {
        _source = source;
        Root = root;
    }

    /// <summary>The root directory of the tree the archive describes.</summary>
    public SourceNode Root { get; }

    /// <summary>
    /// The archive file whose offsets the contents' <see cref="ILocatedContent.Locations"/> refer to,
    /// when the archive was read in place; null when it was spooled (standard input, gzip).
    /// </summary>
    public string? IndexablePath => _source.IndexablePath;

    /// <summary>Reads the archive at <paramref name="path"/>, or standard input for "-".</summary>
    /// <exception cref="InvalidSourceException">The archive is malformed; the message names the offset.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TarArchive Open(string path, TarReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            return Parse(TarSource.FromStream(stdin, "standard input", options), options);
        }
        return Parse(TarSource.OpenFile(path, options), options);
    }

    /// <summary>
    /// Reads an archive from a stream (read to its end and spooled; the caller keeps ownership).
    /// <see cref="IndexablePath"/> is null.
    /// </summary>
    /// <param name="input">The archive bytes, plain or gzip.</param>
    /// <param name="displayName">How the archive is named in error messages.</param>
    /// <param name="options">How to read it.</param>
    public static TarArchive Open(Stream input, string displayName, TarReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        return Parse(TarSource.FromStream(input, displayName, options), options);
    }

    private static TarArchive Parse(TarSource source, TarReadOptions options)
    {
        try
        {
            var tree = new TarTree(options, source.Errors);
            new TarParser(source, tree.Add).Run();
            tree.Finish();
            return new TarArchive(source, tree.Root);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Closes the archive (and deletes its spool file); contents can no longer be read.</summary>
    public void Dispose() => _source.Dispose();
}
