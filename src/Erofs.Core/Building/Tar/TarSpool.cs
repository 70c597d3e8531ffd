using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Tar;

/// <summary>
/// Copies a stream (standard input, or decompressed gzip) to a temporary file that is unlinked as
/// soon as it is created, so nothing is left behind even if the process dies.
/// </summary>
internal static class TarSpool
{
    private const int BufferSize = 1 << 16;

    /// <summary>Copies <paramref name="source"/> to an unlinked file in <paramref name="directory"/>.</summary>
    /// <returns>The open handle (positioned reads and writes only) and the number of bytes copied.</returns>
    public static (SafeFileHandle Handle, long Length) Copy(Stream source, string directory)
    {
        var path = Path.Combine(directory, $".erofs-tar-{Guid.NewGuid():N}.spool");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            File.Delete(path);
            var buffer = new byte[BufferSize];
            long length = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                RandomAccess.Write(handle, buffer.AsSpan(0, read), length);
                length += read;
            }
            return (handle, length);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
    }
}
