using Erofs.Building.Compressing;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>
/// mkfs.erofs 1.9.3 reads a <c>--compress-hints</c> line whose pcluster size is not a multiple of the block
/// size (1048577, say) with a warning and skips the whole line, algorithm and pattern included, so its files
/// fall to later lines or the default; a build script may rely on that, so we do the same, and say so.
/// Other bad lines (a size past 1 MiB, a bad index or pattern) still fail, as they do there.
/// </summary>
internal static class HintsLeniency
{
    public static IReadOnlyList<CompressHint> DropMisaligned(IReadOnlyList<CompressHint> hints, int blockSize, List<string> warnings)
    {
        var kept = new List<CompressHint>(hints.Count);
        foreach (var hint in hints)
        {
            if (hint.PclusterSize % blockSize == 0)
            {
                kept.Add(hint);
                continue;
            }
            warnings.Add($"{hint.Location}: invalid physical clustersize {hint.PclusterSize} (not a multiple of the block size {blockSize}): "
                + "line skipped, its files get the next matching line or the default pclustersize");
        }
        return kept;
    }
}
