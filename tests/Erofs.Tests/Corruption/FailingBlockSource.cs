using Erofs.Storage;

namespace Erofs.Tests.Corruption;

/// <summary>
/// An image in memory whose reads overlapping [<see cref="FailFrom"/>, <see cref="FailTo"/>)
/// throw <see cref="Error"/>, like a disk with a bad sector.
/// </summary>
internal sealed class FailingBlockSource(byte[] bytes, long failFrom, long failTo) : IBlockSource
{
    private readonly MemoryBlockSource _inner = new(bytes);

    public long FailFrom { get; } = failFrom;

    public long FailTo { get; } = failTo;

    /// <summary>The one exception instance thrown, so tests can check it arrives unchanged.</summary>
    public IOException Error { get; } = new IOException("simulated bad sector");

    public int Failures { get; private set; }

    /// <summary>Reads fail only while armed (the default); disarm to set up, then arm.</summary>
    public bool Armed { get; set; } = true;

    public long Length => _inner.Length;

    public void Read(long offset, Span<byte> buffer)
    {
        if (Armed && offset < FailTo && offset + buffer.Length > FailFrom)
        {
            Failures++;
            throw Error;
        }
        _inner.Read(offset, buffer);
    }

    public void Dispose() => _inner.Dispose();
}
