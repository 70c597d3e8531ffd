using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Tar;

/// <summary>
/// The plain tar bytes, read with positional reads on one handle shared by the parser and every
/// content reader: the archive itself when it is a seekable uncompressed file, else an unlinked
/// spool file holding standard input or the decompressed gzip stream.
/// </summary>
internal sealed class TarSource : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly IDisposable _owner;

    private TarSource(SafeFileHandle handle, IDisposable owner, long length, string displayName, string? indexablePath)
    {
        _handle = handle;
        _owner = owner;
        Length = length;
        Errors = new TarErrors(displayName);
        IndexablePath = indexablePath;
    }

    /// <summary>Length of the plain tar bytes.</summary>
    public long Length { get; }

    /// <summary>Error factory naming this archive.</summary>
    public TarErrors Errors { get; }

    /// <summary>The archive path when its bytes are read in place, else null.</summary>
    public string? IndexablePath { get; }

    /// <summary>Opens a tar or tar.gz file; a pipe or gzip data is spooled.</summary>
    public static TarSource OpenFile(string path, TarReadOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        try
        {
            if (!stream.CanSeek)
                return FromStream(stream, path, options);
            Span<byte> magic = stackalloc byte[2];
            int read = RandomAccess.Read(stream.SafeFileHandle, magic, 0);
            if (options.Ungzip || IsGzip(magic[..read]))
                return Spool(new GzipReader(stream), path, options);
            var source = new TarSource(stream.SafeFileHandle, stream, RandomAccess.GetLength(stream.SafeFileHandle), path, path);
            stream = null;
            return source;
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>Spools a non-seekable stream, decompressing it when it starts with the gzip magic.</summary>
    public static TarSource FromStream(Stream input, string displayName, TarReadOptions options)
    {
        var magic = new byte[2];
        int read = input.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        Stream prefixed = new PrefixedStream(magic[..read], input);
        if (options.Ungzip || IsGzip(magic.AsSpan(0, read)))
            prefixed = new GzipReader(prefixed);
        return Spool(prefixed, displayName, options);
    }

    private static bool IsGzip(ReadOnlySpan<byte> magic) => magic is [0x1F, 0x8B];

    private static TarSource Spool(Stream input, string displayName, TarReadOptions options)
    {
        using (input)
        {
            try
            {
                var (handle, length) = TarSpool.Copy(input, options.SpoolDirectory ?? Path.GetTempPath());
                return new TarSource(handle, handle, length, displayName, indexablePath: null);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidSourceException($"tar '{displayName}': gzip data is corrupt: {e.Message}", e);
            }
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="IOException">The file ends first (it shrank after parsing).</exception>
    public void ReadExactly(long offset, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(_handle, buffer, offset);
            if (read == 0)
                throw new IOException($"tar '{Errors.ArchiveName}' ended at offset {offset}, before the data it described (was it truncated?)");
            buffer = buffer[read..];
            offset += read;
        }
    }

    /// <summary>Closes the handle (and with it the spool file).</summary>
    public void Dispose() => _owner.Dispose();
}
