using System.Runtime.InteropServices;

namespace Erofs.Fuse.Abi;

/// <summary><c>struct fuse_getxattr_in</c> (GETXATTR, LISTXATTR): 8 bytes; the name follows for GETXATTR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetxattrIn
{
    /// <summary>Buffer size of the caller; 0 asks for the size only.</summary>
    public uint Size;
    public uint Padding;
}

/// <summary><c>struct fuse_getxattr_out</c>: 8 bytes, the answer to a size query.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetxattrOut
{
    public uint Size;
    public uint Padding;
}

/// <summary><c>struct fuse_access_in</c>: 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AccessIn
{
    /// <summary>R_OK (4), W_OK (2), X_OK (1), or F_OK (0).</summary>
    public uint Mask;
    public uint Padding;
}

/// <summary><c>struct fuse_forget_in</c>: 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ForgetIn
{
    public ulong NLookup;
}

/// <summary><c>struct fuse_forget_one</c>: 16 bytes, repeated after <see cref="BatchForgetIn"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ForgetOne
{
    public ulong NodeId;
    public ulong NLookup;
}

/// <summary><c>struct fuse_batch_forget_in</c>: 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BatchForgetIn
{
    public uint Count;
    public uint Dummy;
}

/// <summary><c>struct fuse_interrupt_in</c>: 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InterruptIn
{
    public ulong Unique;
}
