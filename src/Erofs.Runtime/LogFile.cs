using System.Runtime.InteropServices;
using System.Text;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime;

/// <summary>
/// A log file the daemon appends lines to (<c>erofs mount --log=FILE</c>): each line is one O_APPEND
/// write, so several daemons may share one file without mixing their lines.
/// </summary>
public sealed class LogFile : IDisposable
{
    private readonly SafeFileHandle _file;

    private LogFile(string path, SafeFileHandle file)
    {
        Path = path;
        _file = file;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Opens (creating, mode 0644) <paramref name="path"/> for appending.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static LogFile Open(string path)
    {
        int fd = Libc.Open(path, Libc.OWrOnly | Libc.OAppend | Libc.OCreat | Libc.OCloExec, 0x1A4);
        if (fd < 0)
            throw new IOException($"cannot open log file '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new LogFile(path, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Appends <paramref name="line"/> and a newline in one write; failures are ignored (logging must not stop serving).</summary>
    public unsafe void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        bool added = false;
        try
        {
            _file.DangerousAddRef(ref added);
            fixed (byte* p = bytes)
                _ = Libc.Write((int)_file.DangerousGetHandle(), p, (nuint)bytes.Length);
        }
        catch (ObjectDisposedException)
        {
            // closed while a worker was still reporting
        }
        finally
        {
            if (added)
                _file.DangerousRelease();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
