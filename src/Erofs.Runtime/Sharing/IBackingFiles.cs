using Microsoft.Win32.SafeHandles;

using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>Registers open files as FUSE passthrough backing files (a seam for tests; the real one is the session).</summary>
internal interface IBackingFiles
{
    /// <summary>Registers <paramref name="file"/>; returns the backing id for FOPEN_PASSTHROUGH.</summary>
    int Open(SafeFileHandle file);

    /// <summary>Drops a registration; files already open on it keep it.</summary>
    void Close(int backingId);
}
