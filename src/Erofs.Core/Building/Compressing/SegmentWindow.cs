namespace Erofs.Building.Compressing;

/// <summary>
/// A segment's input seen through a bounded buffer: the compressor asks for slices at increasing positions and
/// the window reads ahead as needed, so a long segment needs only <c>buffer.Length</c> bytes of memory. Every
/// slice the compressor takes (at most one extent, 12 MiB) fits the buffer. A span stays valid until the next
/// <see cref="Slice"/>.
/// </summary>
internal sealed class SegmentWindow
{
    private readonly byte[] _buffer;
    private readonly Action<long, Span<byte>>? _read;
    private int _bufferStart;
    private int _filled;

    /// <param name="buffer">Working memory, at least as large as the largest slice asked for.</param>
    /// <param name="length">Bytes in the segment.</param>
    /// <param name="read">Reads segment bytes at an offset (from the segment's start) into a span.</param>
    public SegmentWindow(byte[] buffer, int length, Action<long, Span<byte>> read)
    {
        _buffer = buffer;
        _read = read;
        Length = length;
    }

    private SegmentWindow(byte[] whole)
    {
        _buffer = whole;
        Length = _filled = whole.Length;
    }

    /// <summary>Bytes in the segment.</summary>
    public int Length { get; }

    /// <summary>A segment held whole in memory.</summary>
    public static implicit operator SegmentWindow(byte[] whole) => new(whole);

    /// <summary><paramref name="count"/> bytes from <paramref name="position"/> (never before an earlier slice's start).</summary>
    public ReadOnlySpan<byte> Slice(int position, int count)
    {
        if (position < _bufferStart || count < 0 || position + count > Length)
            throw new InvalidOperationException($"slice {position}+{count} is outside the segment window");
        if (position + count > _bufferStart + _filled)
            Refill(position, count);
        return _buffer.AsSpan(position - _bufferStart, count);
    }

    /// <summary>Moves what is kept from <paramref name="position"/> to the buffer's start and reads as much as fits after it.</summary>
    private void Refill(int position, int count)
    {
        if (_read is null || count > _buffer.Length)
            throw new InvalidOperationException($"a slice of {count} bytes does not fit the {_buffer.Length}-byte window");
        int keep = Math.Max(0, _bufferStart + _filled - position);
        if (keep > 0)
            _buffer.AsSpan(position - _bufferStart, keep).CopyTo(_buffer);
        int want = Math.Min(_buffer.Length, Length - position);
        _read(position + keep, _buffer.AsSpan(keep, want - keep));
        _bufferStart = position;
        _filled = want;
    }
}
