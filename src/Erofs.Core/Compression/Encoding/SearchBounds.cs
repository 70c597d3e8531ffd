namespace Erofs.Compression.Encoding;

/// <summary>
/// The bracket of a fixed-output prefix search: the longest prefix known to fit (and its stream size) and the
/// shortest known not to (and its size, when the scratch buffer could hold it). Guesses aim at
/// <c>target</c> bytes by interpolating stream size over prefix length between the two ends, extrapolating
/// from the fit alone when the miss's size is unknown, and bisecting when extrapolation overshoots.
/// </summary>
internal struct SearchBounds
{
    private readonly long _target;
    private long _tooLong;       // shortest prefix known not to fit (input length + 1 at first)
    private long _tooLongSize;   // its stream size, 0 when unknown

    /// <summary>Starts with nothing known about an input of <paramref name="inputLength"/> bytes.</summary>
    public SearchBounds(int inputLength, int target)
    {
        _target = Math.Max(1, target);
        _tooLong = inputLength + 1L;
    }

    /// <summary>The longest prefix known to fit (0 at first).</summary>
    public int Fitted { get; private set; }

    /// <summary>Its stream size.</summary>
    public int FittedSize { get; private set; }

    /// <summary>True when no untried length is left between the bounds.</summary>
    public readonly bool Closed => _tooLong <= Fitted + 1L;

    /// <summary><paramref name="guess"/> moved strictly inside the bracket.</summary>
    public readonly int Clamp(long guess) => (int)Math.Clamp(guess, Fitted + 1L, _tooLong - 1);

    /// <summary>Records a prefix that fits.</summary>
    public void Fits(int length, int size)
    {
        Fitted = length;
        FittedSize = size;
    }

    /// <summary>Records a prefix that does not fit; <paramref name="size"/> ≤ 0 when its size is unknown.</summary>
    public void TooLong(int length, int size)
    {
        _tooLong = length;
        _tooLongSize = Math.Max(0, size);
    }

    /// <summary>The next prefix length to try.</summary>
    public readonly long NextGuess()
    {
        long width = _tooLong - Fitted;
        long middle = Fitted + width / 2;
        if (_tooLongSize > FittedSize)
        {
            // Interpolation alone can creep towards the target from one side for many tries: keep every
            // guess at least 1/8 of the bracket away from both ends so the bracket shrinks geometrically.
            long interpolated = Fitted + width * (_target - FittedSize) / (_tooLongSize - FittedSize);
            return Math.Clamp(interpolated, Fitted + width / 8, _tooLong - width / 8);
        }
        if (FittedSize == 0)
            return middle;
        long extrapolated = Fitted * _target / FittedSize;
        return extrapolated < _tooLong ? extrapolated : middle;
    }
}
