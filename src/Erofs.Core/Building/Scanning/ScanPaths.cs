using System.Runtime.InteropServices;
using System.Text;

namespace Erofs.Building.Scanning;

/// <summary>Raw path bytes: joining, and turning them into messages.</summary>
internal static class ScanPaths
{
    /// <summary>Longest name a directory entry may have (NAME_MAX, and EROFS's limit).</summary>
    internal const int NameMax = 255;

    /// <summary>The path for a message: invalid UTF-8 bytes show as U+FFFD.</summary>
    internal static string Display(ReadOnlySpan<byte> path) => Encoding.UTF8.GetString(path);

    /// <summary>"<paramref name="directory"/>/<paramref name="name"/>" as a new array, without NUL.</summary>
    internal static byte[] Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name)
    {
        var result = new byte[directory.Length + 1 + name.Length];
        directory.CopyTo(result);
        result[directory.Length] = (byte)'/';
        name.CopyTo(result.AsSpan(directory.Length + 1));
        return result;
    }

    /// <summary>An <see cref="InvalidSourceException"/> for a failed call: action, path and errno text.</summary>
    internal static InvalidSourceException Failure(string action, ReadOnlySpan<byte> path, int errno) =>
        new($"Cannot {action} '{Display(path)}': {Marshal.GetPInvokeErrorMessage(errno)}");

    /// <summary><see cref="Failure"/> with the errno of the last native call.</summary>
    internal static InvalidSourceException LastFailure(string action, ReadOnlySpan<byte> path) =>
        Failure(action, path, Marshal.GetLastPInvokeError());
}
