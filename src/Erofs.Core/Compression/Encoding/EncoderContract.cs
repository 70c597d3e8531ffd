namespace Erofs.Compression.Encoding;

/// <summary>The checks every <see cref="IPclusterEncoder"/> applies to its arguments and its own results.</summary>
internal static class EncoderContract
{
    /// <summary>
    /// The smallest output budget accepted. Real budgets are whole blocks (≥ 512 bytes); liblzma alone needs
    /// at least 6 bytes, and every format needs a few for its framing.
    /// </summary>
    public const int MinOutputBytes = 16;

    /// <summary>Throws when <paramref name="output"/> is too small to hold any stream.</summary>
    /// <exception cref="ArgumentException">The budget is below <see cref="MinOutputBytes"/>.</exception>
    public static void CheckBudget(Span<byte> output)
    {
        if (output.Length < MinOutputBytes)
            throw new ArgumentException($"the output budget of {output.Length} bytes is below the {MinOutputBytes}-byte minimum for a pcluster stream");
    }

    /// <summary>
    /// Returns <paramref name="written"/> after making sure the library kept the contract (a non-empty stream
    /// inside the budget that starts with a non-zero byte and holds a non-empty prefix of the input).
    /// </summary>
    /// <exception cref="InvalidOperationException">The library broke it: a bug, never bad input.</exception>
    public static int Checked(string encoder, Span<byte> output, int written, int consumed, int inputLength)
    {
        if (written <= 0 || written > output.Length || consumed <= 0 || consumed > inputLength)
            throw new InvalidOperationException(
                $"{encoder} returned {written} bytes for {consumed} of {inputLength} input bytes with a budget of {output.Length}");
        if (output[0] == 0)
            throw new InvalidOperationException($"{encoder} produced a stream starting with a zero byte, which 0padding cannot carry");
        return written;
    }
}
