namespace Erofs.Tests.Compression.Encoding;

/// <summary>
/// Walks an LZ4 block and checks the block-format rules decoders may rely on: offsets 1..65535 inside the output
/// so far, the last sequence is literals only, the last match starts at least 12 bytes before the end of the
/// block's output and ends at least 5 bytes before it.
/// </summary>
internal static class Lz4BlockRules
{
    public static void Check(ReadOnlySpan<byte> block, int expectedLength)
    {
        int position = 0, produced = 0, lastMatchStart = -1, lastMatchEnd = -1;
        while (true)
        {
            Assert.True(position < block.Length, "the block ends without a final literal run");
            int token = block[position++];
            int literals = ReadLength(block, ref position, token >> 4);
            position += literals;
            produced += literals;
            Assert.True(position <= block.Length, "literals run past the block");
            if (position == block.Length)
                break;   // the last sequence: literals only
            int offset = block[position] | block[position + 1] << 8;
            position += 2;
            Assert.True(offset >= 1 && offset <= produced && offset <= 65535, $"offset {offset} at output {produced}");
            int length = ReadLength(block, ref position, token & 15) + 4;
            lastMatchStart = produced;
            produced += length;
            lastMatchEnd = produced;
        }
        Assert.Equal(expectedLength, produced);
        if (lastMatchStart >= 0)
        {
            Assert.True(lastMatchStart <= produced - 12, $"the last match starts {produced - lastMatchStart} bytes before the end");
            Assert.True(lastMatchEnd <= produced - 5, $"the last match ends {produced - lastMatchEnd} bytes before the end");
        }
    }

    private static int ReadLength(ReadOnlySpan<byte> block, ref int position, int nibble)
    {
        int length = nibble;
        if (nibble < 15)
            return length;
        byte next;
        do
        {
            Assert.True(position < block.Length, "a length runs past the block");
            next = block[position++];
            length += next;
        } while (next == 255);
        return length;
    }
}
