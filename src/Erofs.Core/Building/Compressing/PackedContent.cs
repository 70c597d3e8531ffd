using Erofs.Building.Layout;
using Erofs.Building.Source;
using Erofs.Building.Writing;

namespace Erofs.Building.Compressing;

/// <summary>
/// The packed inode's content: the fragments back to back, each read from its file's source when asked, so the
/// packed inode never sits in memory.
/// </summary>
internal sealed class PackedContent(IReadOnlyList<FragmentPiece> pieces) : IFileContent
{
    /// <summary>The pieces in packed order, each at <see cref="FragmentPiece.PackedOffset"/>.</summary>
    public IReadOnlyList<FragmentPiece> Pieces { get; } = pieces;

    /// <inheritdoc/>
    public long Length => Pieces.Count == 0 ? 0 : Pieces[^1].PackedOffset + Pieces[^1].Length;

    /// <inheritdoc/>
    public IReadOnlyList<DataRange>? DataRanges => null;

    /// <inheritdoc/>
    public IContentReader Open() => new Reader(this);

    /// <summary>Index of the piece holding packed byte <paramref name="offset"/>.</summary>
    private int PieceAt(long offset)
    {
        int lo = 0, hi = Pieces.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (Pieces[mid].PackedOffset <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Reads across pieces, keeping the last source open (consecutive reads usually stay in one file).</summary>
    private sealed class Reader(PackedContent content) : IContentReader
    {
        private InodePlan? _open;
        private IContentReader? _reader;

        public void ReadExactly(long offset, Span<byte> buffer)
        {
            if (offset < 0 || offset + buffer.Length > content.Length)
                throw new IOException($"read of {buffer.Length} bytes at {offset} is outside the packed inode ({content.Length} bytes)");
            int index = content.PieceAt(offset);
            while (!buffer.IsEmpty)
            {
                var piece = content.Pieces[index++];
                long within = offset - piece.PackedOffset;
                int n = (int)Math.Min(buffer.Length, piece.Length - within);
                ContentReading.ReadAt(piece.Source, SourceReader(piece.Source), piece.SourceStart + within, buffer[..n]);
                buffer = buffer[n..];
                offset += n;
            }
        }

        private IContentReader SourceReader(InodePlan source)
        {
            if (ReferenceEquals(source, _open))
                return _reader!;
            _reader?.Dispose();
            _reader = null;
            try
            {
                _reader = source.Node.Content!.Open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidSourceException($"{source.Path}: cannot read: {e.Message}", e);
            }
            _open = source;
            return _reader;
        }

        public void Dispose() => _reader?.Dispose();
    }
}

/// <summary>
/// A fragment stored in the packed inode: <paramref name="Length"/> bytes of <paramref name="Source"/> from
/// <paramref name="SourceStart"/>, at <paramref name="PackedOffset"/> in the packed content.
/// </summary>
internal readonly record struct FragmentPiece(InodePlan Source, long SourceStart, long Length, long PackedOffset);
