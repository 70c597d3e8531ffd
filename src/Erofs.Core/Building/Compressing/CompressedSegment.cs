namespace Erofs.Building.Compressing;

/// <summary>
/// A compressed run of one file (files are cut into fixed segments so big files compress on several cores):
/// its extents in file order, their pclusters back to back in <see cref="Data"/>, and the inline tail.
/// </summary>
internal sealed class CompressedSegment(List<PlannedExtent> extents, SpoolEntry data, byte[]? tail)
{
    public List<PlannedExtent> Extents { get; } = extents;
    /// <summary>The pclusters of the extents with blocks, whole blocks in extent order.</summary>
    public SpoolEntry Data { get; } = data;
    /// <summary>Bytes of the last extent when it is stored inline (ztailpacking), else null.</summary>
    public byte[]? Tail { get; } = tail;
    /// <summary>Blocks of <see cref="Data"/>.</summary>
    public long Blocks => Extents.Sum(e => (long)e.Blocks);
}
