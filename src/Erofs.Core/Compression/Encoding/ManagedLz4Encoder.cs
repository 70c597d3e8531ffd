using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Erofs.Compression.Encoding;

/// <summary>
/// A small greedy LZ4 destSize encoder in managed code: the fallback when liblz4.so.1 is missing, and an independent
/// check of the native one in tests. One hash table of 4-byte sequences, matches extended both ways, and before
/// each sequence a check that it fits together with the shortest legal final literal run; then the rest of the
/// budget is filled with literals. Block-format rules kept: the last 5 bytes are literals and the last match
/// starts at least 12 bytes before the end of the consumed prefix; offsets ≤ 65535. lz4hc levels are ignored.
/// </summary>
internal sealed class ManagedLz4Encoder : IPclusterEncoder
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5;        // LASTLITERALS
    private const int LastMatchMargin = 12;    // MFLIMIT
    private const int HashBits = 12;
    private const int SkipStrength = 6;        // after 2^6 misses in a row, step 2 bytes, and so on

    private readonly int[] _table = new int[1 << HashBits];
    private bool _disposed;

    /// <summary>Creates an encoder (no native state).</summary>
    public ManagedLz4Encoder(EncoderSettings settings) => Settings = settings;

    /// <inheritdoc/>
    public EncoderSettings Settings { get; }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EncoderContract.CheckBudget(output);
        consumed = 0;
        if (input.IsEmpty)
            return 0;
        Array.Fill(_table, -1);
        var writer = new Lz4BlockWriter(output);
        int anchor = 0, position = 0;
        int lastStart = input.Length - LastMatchMargin, matchEndLimit = input.Length - LastLiterals;
        while (position <= lastStart)
        {
            if (!FindMatch(input, position, out int reference))
            {
                position += 1 + ((position - anchor) >> SkipStrength);
                continue;
            }
            int start = position, back = reference;
            while (start > anchor && back > 0 && input[start - 1] == input[back - 1])
            {
                start--;
                back--;
            }
            int end = position + MinMatch + CommonLength(input, reference + MinMatch, position + MinMatch, matchEndLimit);
            // The block must go on for at least 5 literals after the match, and 12 bytes after its start.
            int tail = Math.Max(LastLiterals, start + LastMatchMargin - end);
            if (!writer.TryWriteSequence(input[anchor..start], start - back, end - start, Lz4BlockWriter.LiteralRunCost(tail)))
            {
                anchor = WriteShortenedMatch(ref writer, input[anchor..start], start, start - back, end - start, anchor);
                break;
            }
            anchor = end;
            if (end - 2 <= lastStart)
                Insert(input, end - 2);
            position = end;
        }
        // At least `tail` literals fit: TryWriteSequence reserved their room.
        int literals = writer.MaxLastLiterals(input.Length - anchor);
        writer.WriteLastLiterals(input.Slice(anchor, literals));
        consumed = anchor + literals;
        return EncoderContract.Checked("managed LZ4 encoder", output, writer.Position, consumed, input.Length);
    }

    /// <summary>
    /// The budget ends inside a match (long runs): keep as much of it as fits, if that is at least 7 bytes so the
    /// usual 5-literal tail also satisfies the 12-byte rule. Returns the new anchor.
    /// </summary>
    private static int WriteShortenedMatch(ref Lz4BlockWriter writer, ReadOnlySpan<byte> literals, int start, int offset, int length, int anchor)
    {
        int reserve = Lz4BlockWriter.LiteralRunCost(LastLiterals);
        int shortened = writer.MaxMatchLength(literals.Length, length, reserve);
        if (shortened < LastMatchMargin - LastLiterals || !writer.TryWriteSequence(literals, offset, shortened, reserve))
            return anchor;
        return start + shortened;
    }

    /// <inheritdoc/>
    public void Dispose() => _disposed = true;

    private bool FindMatch(ReadOnlySpan<byte> input, int position, out int reference)
    {
        uint sequence = Read32(input, position);
        ref int slot = ref _table[Hash(sequence)];
        reference = slot;
        slot = position;
        return reference >= 0 && position - reference <= EncoderSettings.Lz4MaxMatchDistance && Read32(input, reference) == sequence;
    }

    private void Insert(ReadOnlySpan<byte> input, int position) => _table[Hash(Read32(input, position))] = position;

    private static int Hash(uint sequence) => (int)(sequence * 2654435761u >> (32 - HashBits));

    // Callers keep position + 4 ≤ input.Length (positions stop 12 bytes before the end).
    private static uint Read32(ReadOnlySpan<byte> input, int position)
        => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(input), position));

    /// <summary>How many bytes from <paramref name="from"/> equal those from <paramref name="at"/> (&gt; from), stopping at <paramref name="limit"/>.</summary>
    private static int CommonLength(ReadOnlySpan<byte> input, int from, int at, int limit)
    {
        int start = at;
        ref byte data = ref MemoryMarshal.GetReference(input);
        while (at + 8 <= limit)
        {
            ulong difference = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, at)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, from));
            if (difference != 0)
                return at - start + BitOperations.TrailingZeroCount(difference) / 8;
            at += 8;
            from += 8;
        }
        while (at < limit && input[at] == input[from])
        {
            at++;
            from++;
        }
        return at - start;
    }
}
