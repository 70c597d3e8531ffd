namespace Erofs.Building.Tar;

/// <summary>Reads the newline-terminated decimal numbers of a PAX 1.0 sparse map from the entry data.</summary>
internal sealed class SparseMapText(TarSource source, long dataOffset, long size, Func<string, InvalidSourceException> fail)
{
    private const int MaxDigits = 19;

    private readonly byte[] _block = new byte[TarHeader.BlockSize];
    private long _bufferedBlock = -1;

    /// <summary>Bytes of the data consumed so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>The next number.</summary>
    public long Next()
    {
        Span<byte> digits = stackalloc byte[MaxDigits + 1];
        int count = 0;
        while (true)
        {
            byte b = NextByte();
            if (b == (byte)'\n')
                break;
            if (count == digits.Length)
                throw fail("sparse map holds a number that is too long");
            digits[count++] = b;
        }
        if (!TarNumbers.TryParseDecimal(digits[..count], out long value))
            throw fail("sparse map holds a line that is not a decimal number");
        return value;
    }

    private byte NextByte()
    {
        if (Consumed >= size)
            throw fail("sparse map runs past the end of the entry data");
        long block = Consumed / TarHeader.BlockSize;
        if (block != _bufferedBlock)
        {
            long offset = dataOffset + block * TarHeader.BlockSize;
            int length = (int)Math.Min(TarHeader.BlockSize, size - block * TarHeader.BlockSize);
            source.ReadExactly(offset, _block.AsSpan(0, length));
            _bufferedBlock = block;
        }
        return _block[Consumed++ % TarHeader.BlockSize];
    }
}
