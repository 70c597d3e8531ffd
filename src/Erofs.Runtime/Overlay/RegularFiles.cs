using Erofs.Reading;

namespace Erofs.Runtime.Overlay;

/// <summary>Every regular file of an image, once per inode (hard links are one file), in walk order.</summary>
internal static class RegularFiles
{
    /// <summary>Walks the whole image with the one walker; a damaged directory ends the walk with its error.</summary>
    /// <exception cref="ErofsContentException">A directory cannot be read, or the tree loops.</exception>
    public static IEnumerable<ImageWalkEntry> Of(ErofsImage image)
    {
        var walker = new ImageWalker(image, new ImageWalkOptions { IsRecoverable = _ => false, DepthLimit = DepthLimitMode.FailWhenRead });
        foreach (var step in walker.Walk())
        {
            if (step.Kind != ImageWalkStepKind.Entry)
                continue;
            var entry = step.Entry;
            if (entry.Inode.Kind == FileKind.Directory)
            {
                walker.ClaimDirectory(entry);
                walker.Descend(entry);
            }
            else if (entry.Inode.Kind == FileKind.Regular && walker.TryClaim(entry))
            {
                yield return entry;
            }
        }
    }
}
