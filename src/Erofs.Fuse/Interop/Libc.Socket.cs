using System.Runtime.InteropServices;

namespace Erofs.Fuse.Interop;

internal static unsafe partial class Libc
{
    /// <summary>AF_UNIX.</summary>
    internal const int AfUnix = 1;

    /// <summary>SOCK_STREAM.</summary>
    internal const int SockStream = 1;

    /// <summary>SOCK_CLOEXEC, or-ed into the socket type.</summary>
    internal const int SockCloExec = 0x80000;

    /// <summary>SOL_SOCKET: the level of SCM_RIGHTS control messages.</summary>
    internal const int SolSocket = 1;

    /// <summary>SCM_RIGHTS: a control message carrying file descriptors.</summary>
    internal const int ScmRights = 1;

    /// <summary><c>struct iovec</c> (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c> (LP64 Linux: 56 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct cmsghdr</c> header (LP64 Linux: 16 bytes, data follows).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary><c>int socketpair(int domain, int type, int protocol, int sv[2])</c>.</summary>
    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int SocketPair(int domain, int type, int protocol, int* pair);

    /// <summary><c>ssize_t recvmsg(int fd, struct msghdr *msg, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    internal static partial nint RecvMsg(int fd, MsgHdr* message, int flags);
}
