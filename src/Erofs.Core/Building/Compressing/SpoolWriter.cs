using System.Buffers;

namespace Erofs.Building.Compressing;

/// <summary>
/// One worker's way into the <see cref="PclusterSpool"/>: a segment's pclusters collect in a small reused buffer
/// that goes to the segment's reserved run whenever it fills, so a worker's memory does not grow with its
/// segment (and fresh pages, which cost a page fault each, are not touched per segment).
/// </summary>
internal sealed class SpoolWriter(PclusterSpool spool, int bufferBytes) : IBufferWriter<byte>
{
    private readonly byte[] _buffer = new byte[bufferBytes];
    private long _start;
    private long _capacity;
    private long _flushed;
    private int _filled;

    /// <summary>Starts a run that holds at most <paramref name="maxBytes"/>.</summary>
    public void Begin(long maxBytes)
    {
        _start = spool.Reserve(maxBytes);
        _capacity = maxBytes;
        _flushed = 0;
        _filled = 0;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _buffer.Length - _filled)
            Flush();
        if (sizeHint > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(sizeHint), $"{sizeHint} bytes do not fit the {_buffer.Length}-byte spool buffer");
        return _buffer.AsMemory(_filled);
    }

    public void Advance(int count)
    {
        if (count < 0 || count > _buffer.Length - _filled || _flushed + _filled + count > _capacity)
            throw new InvalidOperationException($"advancing {count} bytes overruns the spool run of {_capacity} bytes");
        _filled += count;
    }

    /// <summary>Writes what is left and returns the run.</summary>
    public SpoolEntry End()
    {
        Flush();
        return new SpoolEntry(_start, checked((int)_flushed));
    }

    private void Flush()
    {
        if (_filled == 0)
            return;
        spool.Write(_start + _flushed, _buffer.AsSpan(0, _filled));
        _flushed += _filled;
        _filled = 0;
    }
}
