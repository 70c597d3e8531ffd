namespace Erofs.Compression;

/// <summary>
/// Shared checks around one library call: empty input, wrong output length, and turning every
/// library exception into <see cref="ErofsContentException"/> naming the algorithm and location.
/// </summary>
internal abstract class DecompressorBase : IDecompressor
{
    /// <inheritdoc/>
    public abstract CompressionAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination, bool partial, ulong? nid = null, long? offset = null)
    {
        if (source.IsEmpty)
            throw Fail("the compressed stream is empty", nid, offset);
        if (partial && destination.IsEmpty)
            return;
        int produced;
        try
        {
            produced = Decode(source, destination, partial);
        }
        catch (Exception e) when (e is not (ErofsContentException or NotSupportedException or OutOfMemoryException))
        {
            // InvalidDataException (DeflateStream, our own checks), ZstdException, anything a port throws on garbage.
            throw Fail(e.Message, nid, offset);
        }
        if (produced != destination.Length)
            throw Fail($"the stream ended after {produced} of the {destination.Length} expected bytes", nid, offset);
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/> and returns how many bytes were produced (at most
    /// destination.Length). Throws <see cref="InvalidDataException"/> (or lets the library throw) on corruption,
    /// including "more output than destination" when <paramref name="partial"/> is false.
    /// </summary>
    protected abstract int Decode(ReadOnlySpan<byte> source, Span<byte> destination, bool partial);

    /// <summary>An <see cref="ErofsContentException"/> whose message names the algorithm.</summary>
    protected ErofsContentException Fail(string what, ulong? nid, long? offset)
        => new($"{Algorithm.Name()} data is corrupt: {what}", nid, offset);

    /// <summary>The exception a subclass throws for "the stream decodes to more than wanted".</summary>
    protected static InvalidDataException TooLong(int wanted)
        => new($"the stream decodes to more than the {wanted} expected bytes");
}
