using Erofs.Checking;
using Erofs.Dumping;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Fuzz.Targets;

/// <summary>
/// image-walk: the input is an image. Opens it as fsck does (checksum off, or nearly every
/// mutation would stop at the superblock), runs the structural check, walks every inode reading
/// its data, and collects dump's statistics.
/// </summary>
internal sealed class ImageWalkTarget : IFuzzTarget
{
    public static ReadOptions Options { get; } = new()
    {
        VerifySuperblockChecksum = false,
        Conformance = ErofsConformance.Strict,
        DecompressedCacheBytes = 1 << 20,
    };

    public string Name => "image-walk";

    public void Run(byte[] input)
    {
        ErofsImage image;
        try
        {
            image = ErofsImage.Open(new MemoryBlockSource(input), Options);
        }
        catch (Exception e) when (AllowedExceptions.ForImages(e))
        {
            return;
        }
        using (image)
        {
            AllowedExceptions.Guard(() => new ImageChecker(image, new CheckOptions { MaxIssues = 64 }).Check(), AllowedExceptions.ForImages);
            AllowedExceptions.Guard(() => new ImageWalker(image).Walk(readData: true), AllowedExceptions.ForImages);
            AllowedExceptions.Guard(() => StatisticsReport.Collect(image), AllowedExceptions.ForImages);
        }
    }
}
