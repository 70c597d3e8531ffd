using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// What the map header of one compressed inode says, plus where its tail extent lives
/// (found once by mapping the last byte, as the kernel's FINDTAIL does).
/// </summary>
internal sealed record ZInodeLayout
{
    public required InodeInfo Inode { get; init; }
    public required ZMapHeader Header { get; init; }
    public required int LclusterBits { get; init; }
    /// <summary>Start of the map header in the inode's metadata space.</summary>
    public required long HeaderPosition { get; init; }
    /// <summary>Lcluster of the HEAD of the tail extent (ztailpacking or fragment), or -1.</summary>
    public long TailHeadLcn { get; init; } = -1;
    /// <summary>Where the inline tail pcluster starts (ztailpacking).</summary>
    public long InlineDataPosition { get; init; }
    /// <summary>Offset of the tail (or whole-file) fragment in the packed inode.</summary>
    public ulong FragmentOffset { get; init; }

    public ZMapHeader.AdviseFlags Advise => Header.Flags;
    public bool IsCompact => Inode.Layout == InodeLayout.CompressedCompact;
    public bool UsesEncodedExtents => !IsCompact && (Advise & ZMapHeader.AdviseFlags.Compacted2BOrExtents) != 0;
    // The first header word is the fragment offset when FRAGMENT is set, else the inline size.
    public bool HasInlineTail => (Advise & ZMapHeader.AdviseFlags.InlinePcluster) != 0 && (Advise & ZMapHeader.AdviseFlags.FragmentPcluster) == 0
        && Header.InlineDataSize != 0 && !Header.IsWholeFileFragment;
    public bool HasFragmentTail => (Advise & ZMapHeader.AdviseFlags.FragmentPcluster) != 0 || Header.IsWholeFileFragment;
    public long LclusterSize => 1L << LclusterBits;
    public long IndexStart => HeaderPosition + ZMapHeader.Size;
}
