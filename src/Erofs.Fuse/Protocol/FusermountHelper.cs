using System.Diagnostics;
using System.Globalization;
using Erofs.Fuse.Interop;

namespace Erofs.Fuse.Protocol;

/// <summary>
/// Mounting without root through the setuid helper <c>fusermount3</c>: it opens /dev/fuse, mounts,
/// and sends the descriptor back over the socket named by <c>_FUSE_COMMFD</c> (SCM_RIGHTS).
/// </summary>
internal static unsafe class FusermountHelper
{
    /// <summary>The helper's name (Debian package fuse3).</summary>
    public const string Program = "fusermount3";

    private const int MsgCmsgCloExec = 0x40000000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Mounts <paramref name="mountPoint"/> with <paramref name="options"/> (comma-separated) and returns the device.</summary>
    public static FuseDevice Mount(string mountPoint, string options)
    {
        int* pair = stackalloc int[2];
        if (Libc.SocketPair(Libc.AfUnix, Libc.SockStream | Libc.SockCloExec, 0, pair) != 0)
            throw LastError.Exception("socketpair for", Program, LastError.Errno);
        try
        {
            // Only the helper's end is inherited.
            Libc.Fcntl(pair[0], Libc.FSetFd, 0);
            var result = Run(["-o", options, "--", mountPoint], pair[0]);
            Libc.Close(pair[0]);
            pair[0] = -1;
            int fd = ReceiveDescriptor(pair[1]);
            if (fd < 0)
                throw new IOException($"{Program} could not mount {mountPoint}: {FirstLine(result) ?? "it sent no device descriptor"}");
            return FuseDevice.Adopt(fd);
        }
        finally
        {
            if (pair[0] >= 0)
                Libc.Close(pair[0]);
            Libc.Close(pair[1]);
        }
    }

    /// <summary>Unmounts with <c>fusermount3 -u</c> (<c>-z</c>: lazily); returns null on success, else the helper's message.</summary>
    public static string? Unmount(string mountPoint, bool lazy)
    {
        string[] args = lazy ? ["-u", "-z", "--", mountPoint] : ["-u", "--", mountPoint];
        var (exit, error) = Run(args, commFd: -1);
        return exit == 0 ? null : error.Trim().Length > 0 ? error.Trim() : $"{Program} exited with {exit}";
    }

    private static (int Exit, string Error) Run(string[] args, int commFd)
    {
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        if (commFd >= 0)
            start.Environment["_FUSE_COMMFD"] = commFd.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new IOException($"could not start {Program}");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new IOException($"{Program} did not finish within {Timeout.TotalSeconds} s");
        }
        return (process.ExitCode, error.GetAwaiter().GetResult());
    }

    private static int ReceiveDescriptor(int socket)
    {
        byte data = 0;
        var iov = new Libc.IoVec { Base = &data, Length = 1 };
        const int controlSize = 24; // CMSG_SPACE(sizeof(int))
        byte* control = stackalloc byte[controlSize];
        new Span<byte>(control, controlSize).Clear();
        var message = new Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlSize };
        nint n;
        do
            n = Libc.RecvMsg(socket, &message, MsgCmsgCloExec);
        while (n < 0 && LastError.Errno == 4 /* EINTR */);
        if (n <= 0 || message.ControlLength < (nuint)sizeof(Libc.CmsgHdr) + sizeof(int))
            return -1;
        var header = (Libc.CmsgHdr*)control;
        if (header->Level != Libc.SolSocket || header->Type != Libc.ScmRights)
            return -1;
        return *(int*)(control + sizeof(Libc.CmsgHdr));
    }

    private static string? FirstLine((int Exit, string Error) result)
    {
        string text = result.Error.Trim();
        return text.Length == 0 ? (result.Exit == 0 ? null : $"{Program} exited with {result.Exit}") : text.Split('\n')[0];
    }
}
