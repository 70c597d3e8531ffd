namespace Erofs.Runtime.Overlay;

/// <summary>Stand-in until the metadata image builder lands (branch metadata): replaced by its file on merge.</summary>
public static class MetadataImage
{
    /// <summary>The metadata image format.</summary>
    public const int FormatVersion = 1;
}
