using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime;

/// <summary>
/// Waits for another process (not a child) to exit, through a pidfd: unlike a pid, which the kernel may
/// give to a new process once the old one is gone, the descriptor names that one process for good.
/// </summary>
public sealed unsafe class ProcessExitWatch : IDisposable
{
    private readonly SafeFileHandle _pidfd;

    private ProcessExitWatch(int pid, SafeFileHandle pidfd)
    {
        Pid = pid;
        _pidfd = pidfd;
    }

    /// <summary>The process watched.</summary>
    public int Pid { get; }

    /// <summary>Starts watching process <paramref name="pid"/>; null when it no longer exists.</summary>
    /// <exception cref="IOException">The kernel refused a pidfd for another reason.</exception>
    public static ProcessExitWatch? Open(int pid)
    {
        int fd = Libc.PidfdOpen(pid, 0);
        if (fd >= 0)
            return new ProcessExitWatch(pid, new SafeFileHandle(fd, ownsHandle: true));
        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ESrch ? null : throw new IOException($"pidfd_open {pid}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Waits until the process has exited or <paramref name="timeout"/> has passed; true when it has exited.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var poll = new Libc.PollFd { Fd = (int)_pidfd.DangerousGetHandle(), Events = Libc.PollIn };
        while (true)
        {
            int wait = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            int ready = Libc.Poll(&poll, 1, wait);
            if (ready > 0)
                return true;
            if (ready == 0)
                return false;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EIntr)
                throw new IOException($"poll on the pidfd of {Pid}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pidfd.Dispose();
}
