using System.Runtime.InteropServices;
using System.Text;
using Erofs.Interop;

namespace Erofs.Building.Tar;

/// <summary>
/// Decompresses gzip with zlib, one member after another (bytes after the last member that do
/// not start another one are ignored, as gzip does). Unlike GZipStream it fails when the data ends
/// before a member's trailer, so a truncated tar.gz is refused. Errors are
/// <see cref="InvalidDataException"/>. The input stream is not disposed.
/// </summary>
internal sealed unsafe class GzipReader : Stream
{
    private const int InputSize = 1 << 16;

    private readonly Stream _input;
    private readonly byte[] _inputBuffer = new byte[InputSize];
    private ZStream* _zstream;
    private int _inputStart, _inputCount;
    private bool _inputEnded, _memberEnded, _finished;

    /// <summary>Starts decompressing <paramref name="input"/>.</summary>
    /// <exception cref="NotSupportedException">libz.so.1 is missing.</exception>
    public GzipReader(Stream input)
    {
        if (!Libz.IsAvailable)
            throw new NotSupportedException(Libz.MissingMessage);
        _input = input;
        _zstream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        var result = Libz.InflateInit2(_zstream, Libz.GzipWindowBits, Libz.ZlibVersion(), sizeof(ZStream));
        if (result != ZResult.Ok)
        {
            NativeMemory.Free(_zstream);
            _zstream = null;
            throw new InvalidOperationException($"zlib inflateInit2 failed ({result})");
        }
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_zstream is null, this);
        while (!_finished && !buffer.IsEmpty)
        {
            if (_memberEnded && !StartNextMember())
                break;
            if (_inputCount == 0)
                Fill();
            if (_inputCount == 0)
                throw new InvalidDataException("the gzip data ends before the end of its compressed stream (truncated)");
            int produced = Inflate(buffer);
            if (produced > 0)
                return produced;
        }
        _finished = true;
        return 0;
    }

    private int Inflate(Span<byte> buffer)
    {
        fixed (byte* input = _inputBuffer)
        fixed (byte* output = buffer)
        {
            _zstream->NextIn = input + _inputStart;
            _zstream->AvailIn = (uint)_inputCount;
            _zstream->NextOut = output;
            _zstream->AvailOut = (uint)buffer.Length;
            var result = Libz.Inflate(_zstream, 0);
            int consumed = _inputCount - (int)_zstream->AvailIn;
            _inputStart += consumed;
            _inputCount -= consumed;
            if (result is not (ZResult.Ok or ZResult.StreamEnd or ZResult.BufError))
                throw new InvalidDataException($"the gzip data is corrupt ({Message(result)})");
            _memberEnded = result == ZResult.StreamEnd;
            return buffer.Length - (int)_zstream->AvailOut;
        }
    }

    /// <summary>After a member's trailer: another member follows only if the gzip magic does.</summary>
    private bool StartNextMember()
    {
        if (_inputCount < 2)
            Fill();
        if (_inputCount < 2 || _inputBuffer[_inputStart] != 0x1F || _inputBuffer[_inputStart + 1] != 0x8B)
            return false;
        Libz.InflateReset(_zstream);
        _memberEnded = false;
        return true;
    }

    /// <summary>Moves the unread input to the front and reads more after it.</summary>
    private void Fill()
    {
        if (_inputEnded)
            return;
        _inputBuffer.AsSpan(_inputStart, _inputCount).CopyTo(_inputBuffer);
        _inputStart = 0;
        int read = _input.Read(_inputBuffer.AsSpan(_inputCount));
        if (read == 0)
            _inputEnded = true;
        _inputCount += read;
    }

    private string Message(ZResult result) =>
        _zstream->Msg is null ? result.ToString() : Encoding.ASCII.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(_zstream->Msg));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_zstream is not null)
        {
            Libz.InflateEnd(_zstream);
            NativeMemory.Free(_zstream);
            _zstream = null;
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    /// <inheritdoc/>
    public override bool CanRead => true;
    /// <inheritdoc/>
    public override bool CanSeek => false;
    /// <inheritdoc/>
    public override bool CanWrite => false;
    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    /// <inheritdoc/>
    public override void Flush() { }
    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
