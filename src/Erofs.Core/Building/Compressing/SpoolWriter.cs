using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Compressing;

/// <summary>
/// One worker's spool file, appended to through a small reused buffer: runs (a segment's pclusters) follow each
/// other in the file and the buffer is written out whenever it fills, so a worker's memory does not grow with
/// its segments (fresh pages cost a page fault each) and small files do not cost a write each. A run can be
/// read back once <see cref="Flush"/> has been called.
/// </summary>
internal sealed class SpoolWriter(SafeFileHandle file, int bufferBytes) : IBufferWriter<byte>
{
    private readonly byte[] _buffer = new byte[bufferBytes];
    private long _written;
    private int _filled;
    private long _runStart;

    /// <summary>Starts a run.</summary>
    public void Begin() => _runStart = _written + _filled;

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
        if (count < 0 || count > _buffer.Length - _filled)
            throw new InvalidOperationException($"advancing {count} bytes overruns the {_buffer.Length}-byte spool buffer");
        _filled += count;
    }

    /// <summary>Ends the run started by <see cref="Begin"/> and returns it.</summary>
    public SpoolEntry End()
    {
        long end = _written + _filled;
        return new SpoolEntry(file, _runStart, checked((int)(end - _runStart)));
    }

    /// <summary>Writes what the buffer holds to the file.</summary>
    public void Flush()
    {
        if (_filled == 0)
            return;
        RandomAccess.Write(file, _buffer.AsSpan(0, _filled), _written);
        _written += _filled;
        _filled = 0;
    }
}
