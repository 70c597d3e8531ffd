namespace Erofs.Compression.Encoding;

/// <summary>
/// Fixed-output compression for libraries that only compress whole buffers (DEFLATE, Zstd): search for the longest
/// input prefix whose stream fits. Each try compresses a prefix and narrows the bracket [longest fit, shortest miss];
/// the next length comes from the sizes seen (<see cref="SearchBounds"/>). The search stops when the bracket
/// closes or the stream is within <see cref="Slack"/> bytes of the budget.
/// </summary>
/// <remarks>
/// The first guess is always 2 × budget (never the previous call's result), so the output depends only on the
/// input and the budget, whichever thread or call order produced it.
/// </remarks>
internal abstract class FitBlockEncoder : IPclusterEncoder
{
    /// <summary>A bound on tries; bisection over any int length ends well before it.</summary>
    private const int MaxTries = 48;

    /// <summary>The first try compresses this many budgets of input (fewest tries on binaries and text, measured).</summary>
    private const int FirstGuessFactor = 2;

    /// <summary>Misses up to this many budgets long still report their size, which steers the next guess.</summary>
    private const int ScratchBudgets = 2;

    private byte[] _scratch = [];
    private bool _disposed;

    /// <summary>Sets the settings.</summary>
    protected FitBlockEncoder(EncoderSettings settings) => Settings = settings;

    /// <inheritdoc/>
    public EncoderSettings Settings { get; }

    /// <summary>Streams compressed so far (for benchmarks: tries per pcluster).</summary>
    public long Tries { get; private set; }

    /// <summary>Name of the library call, for messages.</summary>
    protected abstract string Name { get; }

    /// <summary>Extra scratch bytes the library needs beyond the budget to report a stream that fits it.</summary>
    protected virtual int ScratchPadding => 0;

    /// <summary>
    /// How close to the budget a stream must be to stop searching: 1/256 of it (16 bytes of 4 KiB), at least 4.
    /// Tighter costs about one more try per pcluster for ~0.3 % fewer pclusters (docs/decisions/0004).
    /// </summary>
    protected static int Slack(int budget) => Math.Max(4, budget / 256);

    /// <summary>Compresses all of <paramref name="input"/> (non-empty) into <paramref name="destination"/>; -1 when it does not fit.</summary>
    protected abstract int Compress(ReadOnlySpan<byte> input, Span<byte> destination);

    /// <summary>Adjusts the chosen stream in place (DEFLATE: the first byte).</summary>
    protected virtual void Finish(Span<byte> stream)
    {
    }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EncoderContract.CheckBudget(output);
        consumed = 0;
        if (input.IsEmpty)
            return 0;
        int budget = output.Length;
        int scratchLength = ScratchBudgets * budget + ScratchPadding;
        if (_scratch.Length < scratchLength)
            _scratch = new byte[scratchLength];
        int written = Search(input, output, _scratch.AsSpan(0, scratchLength), out consumed);
        if (written == 0)
            throw new InvalidOperationException($"{Name}: not even one input byte fits into {budget} bytes");
        Finish(output[..written]);
        return EncoderContract.Checked(Name, output, written, consumed, input.Length);
    }

    private int Search(ReadOnlySpan<byte> input, Span<byte> output, Span<byte> scratch, out int fitted)
    {
        int budget = output.Length, slack = Slack(budget);
        var bounds = new SearchBounds(input.Length, budget - slack / 2);
        long guess = Math.Min(input.Length, FirstGuessFactor * (long)budget);
        for (int tries = 0; tries < MaxTries && !bounds.Closed; tries++)
        {
            int length = bounds.Clamp(guess);
            int size = Compress(input[..length], scratch);
            Tries++;
            if (size > 0 && size <= budget)
            {
                scratch[..size].CopyTo(output);
                bounds.Fits(length, size);
                if (size + slack >= budget)
                    break;
            }
            else
            {
                bounds.TooLong(length, size);
            }
            guess = bounds.NextGuess();
        }
        fitted = bounds.Fitted;
        return bounds.FittedSize;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the library state.</summary>
    protected abstract void Dispose(bool disposing);
}
