using System.Diagnostics;
using System.Globalization;
using System.Text;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime;

/// <summary>
/// Backgrounding without fork (which .NET cannot do safely): the command re-executes itself in the
/// foreground with a pipe as standard error. The child detaches (new session, /dev/null for the
/// rest), writes its errors into the pipe as usual, and on success writes a marker and lets go of
/// the pipe; the parent returns when the pipe closes.
/// </summary>
public static unsafe class Daemon
{
    // Cannot appear in an error line, so it tells readiness from messages.
    private const string ReadyMarker = "\u0001ready\n";

    /// <summary>
    /// Starts <paramref name="fileName"/> with the arguments <paramref name="arguments"/> makes for the
    /// pipe's descriptor number, and waits until the daemon reports readiness or ends.
    /// </summary>
    /// <exception cref="IOException">The pipe could not be made, or the daemon neither got ready nor ended within <paramref name="timeout"/>.</exception>
    public static DaemonLaunch Launch(string fileName, Func<int, IEnumerable<string>> arguments, TimeSpan timeout)
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.OCloExec) != 0)
            throw new IOException("pipe2 failed: could not start the daemon");
        using var reader = new FileStream(new SafeFileHandle(fds[0], ownsHandle: true), FileAccess.Read, 1);
        Process process;
        try
        {
            // Only the write end is inherited by the daemon.
            Libc.Fcntl(fds[1], Libc.FSetFd, 0);
            var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
            foreach (string arg in arguments(fds[1]))
                start.ArgumentList.Add(arg);
            process = Process.Start(start) ?? throw new IOException($"could not start {fileName}");
        }
        finally
        {
            Libc.Close(fds[1]);
        }
        using (process)
            return Await(process, reader, timeout);
    }

    private static DaemonLaunch Await(Process process, FileStream reader, TimeSpan timeout)
    {
        var output = new MemoryStream();
        var drain = new Thread(() => reader.CopyTo(output)) { IsBackground = true };
        drain.Start();
        if (!drain.Join(timeout))
        {
            process.Kill();
            throw new IOException($"the daemon did not get ready within {timeout.TotalSeconds:0} s");
        }
        string text = Encoding.UTF8.GetString(output.ToArray());
        if (text.EndsWith(ReadyMarker, StringComparison.Ordinal))
            return new DaemonLaunch(true, text[..^ReadyMarker.Length], null);
        process.WaitForExit();
        return new DaemonLaunch(false, text, process.ExitCode);
    }

    /// <summary>
    /// In the daemon, first thing (before anything touches <see cref="Console"/>, which keeps
    /// duplicates of the standard descriptors): leave the caller's session and terminal, read nothing,
    /// print nothing, and send standard error to <paramref name="readyFd"/> until <see cref="SignalReady"/>.
    /// </summary>
    public static void Detach(int readyFd)
    {
        Libc.Setsid();
        // The runtime duplicated the standard descriptors at startup; those copies would hold the
        // caller's terminal or pipes open for as long as the daemon lives.
        SilenceDuplicatesOf([0, 1, 2], keep: readyFd);
        int devNull = Libc.Open("/dev/null", Libc.ORdWr | Libc.OCloExec);
        if (devNull >= 0)
        {
            Libc.Dup2(devNull, 0);
            Libc.Dup2(devNull, 1);
            Libc.Close(devNull);
        }
        if (readyFd != 2)
        {
            Libc.Dup2(readyFd, 2);
            Libc.Close(readyFd);
        }
    }

    // Points every other descriptor open on the same file as one of `originals` at /dev/null.
    private static void SilenceDuplicatesOf(int[] originals, int keep)
    {
        var targets = originals.Select(LinkOf).Where(t => t is not null && t != "/dev/null").ToHashSet(StringComparer.Ordinal);
        if (targets.Count == 0)
            return;
        int devNull = Libc.Open("/dev/null", Libc.ORdWr | Libc.OCloExec);
        if (devNull < 0)
            return;
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int fd)
                && fd > 2 && fd != keep && fd != devNull && targets.Contains(LinkOf(fd) ?? ""))
                Libc.Dup2(devNull, fd);
        }
        Libc.Close(devNull);
    }

    private static string? LinkOf(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd.ToString(CultureInfo.InvariantCulture)}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A writer on descriptor 2 itself, for the daemon's messages: unlike <see cref="Console.Error"/>
    /// it holds no duplicate of the descriptor, so the pipe closes when <see cref="SignalReady"/> replaces it.
    /// </summary>
    public static TextWriter StandardError() =>
        new StreamWriter(new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1), new UTF8Encoding(false)) { AutoFlush = true };

    /// <summary>In the daemon: tells the waiting parent that the mount is ready and stops writing to it.</summary>
    public static void SignalReady()
    {
        var marker = Encoding.UTF8.GetBytes(ReadyMarker);
        fixed (byte* p = marker)
            Libc.Write(2, p, (nuint)marker.Length);
        SilenceDuplicatesOf([2], keep: -1);
        int devNull = Libc.Open("/dev/null", Libc.ORdWr | Libc.OCloExec);
        if (devNull >= 0)
        {
            Libc.Dup2(devNull, 2);
            Libc.Close(devNull);
        }
    }
}
