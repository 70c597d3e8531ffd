using Erofs.Fuse;
using Microsoft.Win32.SafeHandles;

using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>Backing files registered with a FUSE session (FUSE_DEV_IOC_BACKING_OPEN/CLOSE).</summary>
internal sealed class SessionBackingFiles(FuseSession session) : IBackingFiles
{
    public int Open(SafeFileHandle file) => session.OpenBacking(file);

    public void Close(int backingId) => session.CloseBacking(backingId);
}
