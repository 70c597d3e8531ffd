namespace Erofs.Reading.Compressed;

/// <summary>
/// Counts the bytes the decompressors produce for one read call: the bytes the call returns plus
/// <see cref="ReadLimits.MaxDecompressedBytesPerRead"/>, so no single read (one FUSE request, one
/// library call) can be made to decompress without bound. Used by one thread.
/// </summary>
internal sealed class DecompressionBudget(long overhead, int requested, ulong nid, long offset)
{
    private readonly long _allowed = overhead + requested;
    private long _spent;

    /// <summary>Counts an extent about to be decoded; throws before decoding when it would pass the budget.</summary>
    public void Spend(long decodedBytes)
    {
        _spent += decodedBytes;
        if (_spent > _allowed)
            throw new ErofsContentException(
                $"reading {requested} bytes at file offset {offset} would decompress {_spent} bytes, more than the {requested} asked for plus {overhead} (limit MaxDecompressedBytesPerRead)",
                nid);
    }
}
