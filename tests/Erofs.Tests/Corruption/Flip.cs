namespace Erofs.Tests.Corruption;

/// <summary>One single-byte corruption: XOR <see cref="Mask"/> into the byte at <see cref="Offset"/>.</summary>
internal readonly record struct Flip(int Trial, long Offset, byte Mask, string Region)
{
    public override string ToString() => $"trial {Trial}: byte {Offset} ^= 0x{Mask:x2} ({Region})";
}
