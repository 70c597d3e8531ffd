namespace Erofs.Building.Tar;

/// <summary>
/// One 512-byte header block: POSIX ustar (magic "ustar\0", the prefix field extends the name) or
/// GNU (magic "ustar  \0", whose prefix area holds old GNU sparse data instead).
/// </summary>
internal sealed class TarHeader
{
    /// <summary>Size of every tar block.</summary>
    public const int BlockSize = 512;

    private const int NameOffset = 0, NameLength = 100;
    private const int TypeFlagOffset = 156;
    private const int LinkNameOffset = 157, LinkNameLength = 100;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345, PrefixLength = 155;
    private const int ChecksumOffset = 148, ChecksumLength = 8;

    private static ReadOnlySpan<byte> PosixMagic => "ustar\0"u8;
    private static ReadOnlySpan<byte> GnuMagic => "ustar  \0"u8;

    private readonly byte[] _block;

    private TarHeader(byte[] block, long offset, bool isGnu)
    {
        _block = block;
        Offset = offset;
        IsGnu = isGnu;
    }

    /// <summary>Offset of the block in the archive.</summary>
    public long Offset { get; }

    /// <summary>Whether the block uses the GNU magic (no prefix field).</summary>
    public bool IsGnu { get; }

    /// <summary>The type flag byte ('0', '5', 'x', 'L', ...).</summary>
    public byte TypeFlag => _block[TypeFlagOffset];

    /// <summary>The raw block (old GNU sparse descriptors are read from it).</summary>
    public ReadOnlySpan<byte> Block => _block;

    /// <summary>Whether every byte of the block is zero (an end-of-archive marker).</summary>
    public static bool IsZeroBlock(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);

    /// <summary>Checks magic and checksum and wraps the block; throws on a bad header.</summary>
    public static TarHeader Parse(byte[] block, long offset, TarErrors errors)
    {
        bool isGnu = block.AsSpan(MagicOffset, GnuMagic.Length).SequenceEqual(GnuMagic);
        if (!isGnu && !block.AsSpan(MagicOffset, PosixMagic.Length).SequenceEqual(PosixMagic))
            throw errors.At(offset, "header has no ustar magic (not a tar archive, or a corrupt header)");
        var header = new TarHeader(block, offset, isGnu);
        header.VerifyChecksum(errors);
        return header;
    }

    private void VerifyChecksum(TarErrors errors)
    {
        long stored = Number(TarField.Checksum, errors);
        long unsignedSum = 0, signedSum = 0;
        for (int i = 0; i < BlockSize; i++)
        {
            bool inField = i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength;
            byte b = inField ? (byte)' ' : _block[i];
            unsignedSum += b;
            signedSum += (sbyte)b;
        }
        // Some old writers summed signed chars; both sums are accepted.
        if (stored != unsignedSum && stored != signedSum)
            throw errors.At(Offset, $"header checksum mismatch (stored {stored}, computed {unsignedSum})");
    }

    /// <summary>Reads a numeric field; throws naming the field when it is not a number.</summary>
    public long Number(TarField field, TarErrors errors, bool allowBlank = false)
    {
        var bytes = _block.AsSpan(field.Offset, field.Length);
        if (!TarNumbers.TryParseField(bytes, field.AllowBase256, allowBlank, out long value))
            throw errors.At(Offset, $"header field '{field.Name}' is not a valid number");
        return value;
    }

    /// <summary>The entry name: prefix + '/' + name for POSIX ustar, the name alone for GNU.</summary>
    public byte[] Name()
    {
        var name = CString(_block.AsSpan(NameOffset, NameLength));
        if (IsGnu)
            return name.ToArray();
        var prefix = CString(_block.AsSpan(PrefixOffset, PrefixLength));
        if (prefix.IsEmpty)
            return name.ToArray();
        return [.. prefix, (byte)'/', .. name];
    }

    /// <summary>The link target field (symlinks and hard links).</summary>
    public byte[] LinkName() => CString(_block.AsSpan(LinkNameOffset, LinkNameLength)).ToArray();

    /// <summary>The bytes before the first NUL (all of them when there is none).</summary>
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }
}
