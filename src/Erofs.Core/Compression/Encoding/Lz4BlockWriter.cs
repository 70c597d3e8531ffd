namespace Erofs.Compression.Encoding;

/// <summary>
/// Writes LZ4 block-format sequences into a fixed budget: token (literal count, match length − 4), extra length
/// bytes (255, 255, …, rest) for counts ≥ 15, the literals, a 2-byte little-endian offset, and the final
/// literals-only sequence.
/// </summary>
internal ref struct Lz4BlockWriter
{
    private readonly Span<byte> _output;
    private int _position;

    /// <summary>Starts writing at output[0].</summary>
    public Lz4BlockWriter(Span<byte> output) => _output = output;

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Extra bytes a 4-bit length field of <paramref name="value"/> needs.</summary>
    public static int LengthBytes(int value) => value < 15 ? 0 : (value - 15) / 255 + 1;

    /// <summary>Bytes a literals-only sequence of <paramref name="literals"/> bytes takes.</summary>
    public static int LiteralRunCost(int literals) => 1 + LengthBytes(literals) + literals;

    /// <summary>
    /// Writes literals then a match, if they fit while leaving <paramref name="reserve"/> bytes free; false
    /// (nothing written) otherwise.
    /// </summary>
    public bool TryWriteSequence(ReadOnlySpan<byte> literals, int offset, int matchLength, int reserve)
    {
        int cost = LiteralRunCost(literals.Length) + 2 + LengthBytes(matchLength - 4);
        if (_position + cost + reserve > _output.Length)
            return false;
        _output[_position++] = (byte)(Math.Min(literals.Length, 15) << 4 | Math.Min(matchLength - 4, 15));
        WriteLength(literals.Length);
        literals.CopyTo(_output[_position..]);
        _position += literals.Length;
        _output[_position++] = (byte)offset;
        _output[_position++] = (byte)(offset >> 8);
        WriteLength(matchLength - 4);
        return true;
    }

    /// <summary>
    /// The longest match (at most <paramref name="longest"/>) that fits after <paramref name="literalCount"/> literals
    /// while leaving <paramref name="reserve"/> bytes free; below 4 when none fits.
    /// </summary>
    public readonly int MaxMatchLength(int literalCount, int longest, int reserve)
    {
        int lengthBytes = _output.Length - _position - LiteralRunCost(literalCount) - 2 - reserve;
        if (lengthBytes < 0)
            return 0;
        // k extra length bytes hold values up to 14 + 255·k.
        long longestValue = 14 + 255L * lengthBytes;
        return (int)Math.Min(longest, longestValue + 4);
    }

    /// <summary>The longest final literal run (at most <paramref name="available"/>) that fits in the space left.</summary>
    public readonly int MaxLastLiterals(int available)
    {
        int room = _output.Length - _position;
        if (room < 2)
            return 0;
        int count = room - 1 - LengthBytes(room - 1);   // fits: its length bytes are no more than room − 1's
        while (LiteralRunCost(count + 1) <= room)
            count++;
        return Math.Min(count, available);
    }

    /// <summary>Writes the block's last sequence: literals only, no offset.</summary>
    public void WriteLastLiterals(ReadOnlySpan<byte> literals)
    {
        _output[_position++] = (byte)(Math.Min(literals.Length, 15) << 4);
        WriteLength(literals.Length);
        literals.CopyTo(_output[_position..]);
        _position += literals.Length;
    }

    private void WriteLength(int value)
    {
        if (value < 15)
            return;
        for (value -= 15; value >= 255; value -= 255)
            _output[_position++] = 255;
        _output[_position++] = (byte)value;
    }
}
