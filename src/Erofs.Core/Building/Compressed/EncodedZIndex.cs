using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// A compressed inode's encoded index area and what the inode itself must say about it.
/// </summary>
/// <param name="Bytes">Map header and indexes, to be written at <see cref="HeaderOffset"/> from the inode start;
/// an inline tail's <see cref="InlineSize"/> bytes follow right after them.</param>
/// <param name="Layout">The inode's datalayout (a whole-file fragment is always <see cref="InodeLayout.CompressedFull"/>).</param>
/// <param name="Blocks">i_u: blocks of the inode's own pclusters.</param>
/// <param name="HeaderOffset">Offset of the map header from the inode start (inode + xattrs rounded up to 8).</param>
/// <param name="InlineSize">Bytes of the inline tail pcluster (ztailpacking), 0 when none.</param>
internal sealed record EncodedZIndex(byte[] Bytes, InodeLayout Layout, uint Blocks, int HeaderOffset, int InlineSize)
{
    /// <summary>Offset of the inline tail from the inode start.</summary>
    public int InlineOffset => HeaderOffset + Bytes.Length;
}
