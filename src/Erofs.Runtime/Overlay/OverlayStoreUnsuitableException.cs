namespace Erofs.Runtime.Overlay;

/// <summary>
/// The kernel cannot mount the store's metadata image: the store is on a file system whose files cannot back
/// an EROFS mount (tmpfs, overlayfs). The FUSE backend can still serve from such a store; the message names it.
/// </summary>
public sealed class OverlayStoreUnsuitableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OverlayStoreUnsuitableException()
    {
    }

    /// <summary>Creates the exception with the one-line reason.</summary>
    public OverlayStoreUnsuitableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause (whose errno it keeps).</summary>
    public OverlayStoreUnsuitableException(string message, Exception innerException)
        : base(message, innerException)
    {
        HResult = innerException?.HResult ?? HResult;
    }
}
