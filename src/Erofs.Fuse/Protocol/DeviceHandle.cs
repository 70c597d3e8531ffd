using Erofs.Fuse.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Fuse.Protocol;

/// <summary>
/// Owns a /dev/fuse descriptor. Its close waits until no call holds a reference, and no call starts
/// after it, so a reply sent late from another thread can never reach a reused descriptor number.
/// </summary>
internal sealed class DeviceHandle : SafeHandleMinusOneIsInvalid
{
    public DeviceHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
