namespace Erofs.Tests.Corruption;

/// <summary>
/// One damage to an image: most are a single-byte XOR (a <see cref="Flip"/>); every third becomes an
/// aligned 2-, 4- or 8-byte field overwritten with an extreme value (all ones, the sign bit, just
/// below it), which single-byte flips rarely produce and which probe size and offset overflows.
/// </summary>
internal sealed record Damage(int Trial, long Offset, byte[] Bytes, string Region)
{
    private static readonly ulong[] Extremes = [ulong.MaxValue, 1UL << 63, long.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000, 0xFFFF];

    public static Damage From(Flip flip, byte[] pristine)
    {
        if (flip.Trial % 3 != 2)
            return new Damage(flip.Trial, flip.Offset, [(byte)(pristine[flip.Offset] ^ flip.Mask)], flip.Region);
        int width = 2 << (flip.Trial / 3 % 3);
        long at = Math.Min(flip.Offset & ~(long)(width - 1), pristine.Length - width);
        var value = BitConverter.GetBytes(Extremes[flip.Trial / 9 % Extremes.Length]);
        return new Damage(flip.Trial, at, value[..width], flip.Region);
    }

    public void Apply(byte[] image) => Bytes.CopyTo(image.AsSpan((int)Offset));

    public void Restore(byte[] image, byte[] pristine) => pristine.AsSpan((int)Offset, Bytes.Length).CopyTo(image.AsSpan((int)Offset));

    public override string ToString() => $"trial {Trial}: bytes {Offset}..{Offset + Bytes.Length - 1} = {Convert.ToHexString(Bytes)} ({Region})";
}
