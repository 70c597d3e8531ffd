using Erofs.Building.Compressed;

namespace Erofs.Building.Compressing;

/// <summary>
/// One extent of a file as compression left it, before block addresses exist: file bytes
/// [<see cref="Start"/>, Start + <see cref="Length"/>) decode from <see cref="Blocks"/> blocks of its segment's data
/// (0 = the inline tail kept in <see cref="CompressedSegment.Tail"/>).
/// </summary>
internal readonly record struct PlannedExtent(long Start, int Length, PclusterFormat Format, int Blocks)
{
    public bool IsInline => Blocks == 0;
}
