namespace Erofs.Tests.Corruption;

/// <summary>
/// Damaged 48-bit encoded extent records (erofs-format.md §8.8) of 48bit-zstd: 4-byte records,
/// plen = length (bits 0-20) | partial (27) | format (28-31, algorithm + 1).
/// </summary>
public sealed class CompressedEncodedExtentCorruptionTests
{
    private const uint FormatMask = 0xF000_0000;

    [Theory]
    [InlineData(0x10_0001)] // 1 MiB + 1
    [InlineData(0x1F_FFFF)] // the largest 21-bit length
    public void EncodedExtentWithPlenBeyondOneMebibyteIsAContentError(int length)
    {
        // The kernel refuses it too (EOPNOTSUPP in z_erofs_map_sanity_check); here it is a content error.
        var damage = EncodedText();
        long plen = damage.Layout.PlenOf4ByteRecord(0);
        damage.Image.WriteU32(plen, (damage.Image.ReadU32(plen) & FormatMask) | (uint)length);
        damage.ReadFails($"pcluster of {length} bytes");
        damage.FsckAndExtractionHandleIt("", "/sizes/text_1000");
    }

    [Fact]
    public void EncodedExtentWithAnUnknownFormatIsNotSupported()
    {
        var damage = EncodedText();
        long plen = damage.Layout.PlenOf4ByteRecord(0);
        damage.Image.WriteU32(plen, damage.Image.ReadU32(plen) | FormatMask);
        damage.ReadUnsupported("does not know");
        damage.FsckAndExtractionHandleIt("does not know", "/sizes/text_1000");
    }

    [Fact]
    public void EncodedExtentOfAnAlgorithmTheSuperblockDoesNotListIsAContentError()
    {
        // Format 1 = LZ4, but the image lists Zstandard only.
        var damage = EncodedText();
        long plen = damage.Layout.PlenOf4ByteRecord(0);
        damage.Image.WriteU32(plen, (damage.Image.ReadU32(plen) & ~FormatMask) | 0x1000_0000);
        damage.ReadFails("does not list");
        damage.FsckAndExtractionHandleIt("does not list", "/sizes/text_1000");
    }

    private static CompressedDamage EncodedText()
    {
        var damage = CompressedDamage.Of("48bit-zstd", "/big/text_3m");
        Assert.True(damage.Layout.UsesEncodedExtents);
        Assert.Equal(4, damage.Layout.RecordSize);
        return damage;
    }
}
