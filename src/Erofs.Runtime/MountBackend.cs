namespace Erofs.Runtime;

/// <summary>What serves a sharing mount (<c>-o backend=</c>).</summary>
public enum MountBackend
{
    /// <summary>The overlay backend when it can be used (root, kernel support, image representable, no daemon option), else FUSE.</summary>
    Auto,

    /// <summary>The FUSE daemon (files published lazily, at their first open).</summary>
    Fuse,

    /// <summary>Kernel overlayfs over a metadata image and the store: no daemon, every file published before the mount.</summary>
    Overlay,
}
