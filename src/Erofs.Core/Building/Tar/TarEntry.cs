using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>One file entry of the archive, resolved from its header and extended headers.</summary>
/// <param name="Components">Path components (empty for the root).</param>
/// <param name="DisplayPath">The path as text for messages.</param>
/// <param name="HeaderOffset">Offset of the entry's own header block.</param>
/// <param name="Node">The file, or null for a hard link.</param>
/// <param name="HardLinkTarget">Components of the hard link target (type '1'), else null.</param>
internal sealed record TarEntry(
    List<byte[]> Components,
    string DisplayPath,
    long HeaderOffset,
    SourceNode? Node,
    List<byte[]>? HardLinkTarget);
