using System.Runtime.InteropServices;

namespace Erofs.Tests.Corruption;

/// <summary>readlink(2) as raw bytes: .NET's LinkTarget decodes UTF-8 lossily and would hide a changed target.</summary>
internal static partial class RawLink
{
    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint ReadLink(string path, byte* buffer, nuint size);

    public static unsafe byte[]? Read(string path)
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer)
        {
            nint n = ReadLink(path, p, (nuint)buffer.Length);
            return n < 0 ? null : buffer[..(int)n];
        }
    }
}
