using System.Runtime.ExceptionServices;
using Erofs.Reading;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// The <see cref="ImageWalker"/> walk behind a metadata image: every entry, each directory read
/// once. Unlike fsck, nothing is stepped over: any error in the image ends the walk, since a
/// metadata image missing part of the tree would be wrong, not partly right.
/// </summary>
internal static class MetadataWalk
{
    // Strictly ascending names are also unique, which the builder needs.
    private static readonly ImageWalkOptions Options = new() { DirectoryChecks = DirectoryChecks.NameOrder, IsRecoverable = _ => false };

    /// <summary>Each entry, the root first; <c>First</c> is false for a hard link to an inode met before.</summary>
    /// <exception cref="ErofsContentException">The image is damaged, has a directory loop, or is too deep.</exception>
    public static IEnumerable<(ImageWalkEntry Entry, bool First)> Entries(ErofsImage image)
    {
        var walker = new ImageWalker(image, Options);
        foreach (var step in walker.Walk())
        {
            if (step.Failure is { } failure)
                ExceptionDispatchInfo.Throw(failure);
            if (step.Kind != ImageWalkStepKind.Entry)
                continue;
            var entry = step.Entry;
            if (entry.Inode.Kind != FileKind.Directory)
            {
                yield return (entry, walker.TryClaim(entry));
                continue;
            }
            walker.ClaimDirectory(entry);
            walker.Descend(entry);
            yield return (entry, true);
        }
    }

    /// <summary>Every regular file once (hard links are one file), in walk order.</summary>
    /// <exception cref="ErofsContentException">The image is damaged, has a directory loop, or is too deep.</exception>
    public static IEnumerable<ImageWalkEntry> RegularFiles(ErofsImage image) =>
        Entries(image).Where(e => e.First && e.Entry.Inode.Kind == FileKind.Regular).Select(e => e.Entry);
}
