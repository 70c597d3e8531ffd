using System.Globalization;

namespace Erofs.Cli.Commands.Fsck;

/// <summary>fsck.erofs 1.9.3's <c>-p</c> line: physical blocks per 100 logical ones, two decimals, e.g. <c>Compression ratio: 41.27(%)</c>.</summary>
internal static class CompressionRatio
{
    public static string Format(long physicalBlocks, long logicalBlocks)
    {
        // fsck.erofs divides by zero for an image without data and prints "nan"; a number is more useful.
        double ratio = logicalBlocks == 0 ? 0 : physicalBlocks * 100.0 / logicalBlocks;
        return string.Create(CultureInfo.InvariantCulture, $"Compression ratio: {ratio:F2}(%)");
    }
}
