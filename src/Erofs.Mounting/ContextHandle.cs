using Erofs.Mounting.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Mounting;

/// <summary>Owns an fsopen descriptor.</summary>
internal sealed class ContextHandle : SafeHandleMinusOneIsInvalid
{
    public ContextHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
