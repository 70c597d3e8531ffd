using System.Runtime.InteropServices;

namespace Erofs.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>O_RDWR.</summary>
    internal const int ORdWr = 2;

    /// <summary>O_CLOEXEC.</summary>
    internal const int OCloExec = 0x80000;

    /// <summary>F_SETFD: set descriptor flags (0 clears FD_CLOEXEC).</summary>
    internal const int FSetFd = 2;

    /// <summary>RLIMIT_NOFILE.</summary>
    internal const int RlimitNoFile = 7;

    /// <summary><c>int getrlimit(int resource, struct rlimit *rlim)</c>: soft, then hard limit.</summary>
    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int Getrlimit(int resource, ulong* limits);

    /// <summary><c>int pipe2(int fds[2], int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    /// <summary><c>int fcntl(int fd, int cmd, int arg)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    /// <summary><c>int dup2(int oldfd, int newfd)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    internal static partial int Dup2(int oldFd, int newFd);

    /// <summary><c>int open(const char *path, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary><c>pid_t setsid(void)</c>: a new session without a controlling terminal.</summary>
    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    internal static partial int Setsid();

    /// <summary><c>uid_t geteuid(void)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint Geteuid();

    /// <summary>This process's effective uid, read once (the daemon never changes it).</summary>
    internal static uint EffectiveUid { get; } = Geteuid();

    /// <summary>POLLIN: for a pidfd, the process has exited.</summary>
    internal const short PollIn = 1;

    /// <summary>ESRCH: no such process.</summary>
    internal const int ESrch = 3;

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary><c>int pidfd_open(pid_t pid, unsigned int flags)</c> (glibc 2.36); the descriptor is close-on-exec.</summary>
    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    internal static partial int PidfdOpen(int pid, uint flags);

    /// <summary><c>int poll(struct pollfd *fds, nfds_t nfds, int timeout)</c>; timeout in milliseconds.</summary>
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
