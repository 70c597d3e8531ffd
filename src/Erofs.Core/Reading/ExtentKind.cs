namespace Erofs.Reading;

/// <summary>How the bytes of an extent are stored.</summary>
public enum ExtentKind
{
    /// <summary>Uncompressed, block-aligned data on a device.</summary>
    Plain,
    /// <summary>Uncompressed tail stored inline in the inode's metadata.</summary>
    Inline,
    /// <summary>A hole: reads as zeros, nothing stored.</summary>
    Hole,
    /// <summary>Compressed physical cluster.</summary>
    Compressed,
    /// <summary>Stored in the packed inode (fragments); PhysicalOffset is the offset there.</summary>
    Fragment,
}
