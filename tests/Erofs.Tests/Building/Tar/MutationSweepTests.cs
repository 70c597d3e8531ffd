using Erofs.Building;
using Erofs.Building.Tar;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Tar;

/// <summary>
/// Every byte of small real archives changed to a few values (header checksums fixed so the change
/// gets past them): the reader either builds a tree whose contents read back, or refuses with
/// <see cref="InvalidSourceException"/>; nothing else may escape.
/// </summary>
public sealed class MutationSweepTests : IDisposable
{
    private static readonly byte[] Values = [0x00, 0xFF, (byte)'7', (byte)'/', 0x80];
    private readonly TarScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private byte[] SmallArchive(params string[] options)
    {
        var src = Directory.CreateDirectory(_scratch["src"]).FullName;
        File.WriteAllText(Path.Combine(src, "f"), "data");
        File.CreateSymbolicLink(Path.Combine(src, "s"), "f");
        Tool.Run("ln", Path.Combine(src, "f"), Path.Combine(src, "h"));
        File.WriteAllText(Path.Combine(src, new string('n', 120)), "long");
        Tool.Run("setfattr", "-n", "user.x", "-v", "0x00ff0a", Path.Combine(src, "f"));
        using (var sparse = File.OpenHandle(Path.Combine(src, "sp"), FileMode.Create, FileAccess.Write))
        {
            RandomAccess.SetLength(sparse, 40960);
            RandomAccess.Write(sparse, "island"u8, 20480);
        }
        var path = _scratch["small.tar"];
        Tool.Run("tar", [.. options, "--sparse", "--numeric-owner", "-C", src, "-cf", path, "."]);
        var bytes = File.ReadAllBytes(path);
        int end = bytes.Length;
        while (end >= 512 && bytes.AsSpan(end - 512, 512).IndexOfAnyExcept((byte)0) < 0)
            end -= 512;
        return bytes[..(end + 1024)]; // keep the two end blocks, drop the record padding
    }

    [Theory]
    [InlineData("--format=pax", "--xattrs", "--xattrs-include=*")]
    [InlineData("--format=gnu")]
    public void Changed_bytes_are_refused_cleanly_or_read_back(params string[] options)
    {
        var original = SmallArchive(options);
        var path = _scratch.Write("mutated.tar", original);
        int accepted = 0, refused = 0;
        for (int offset = 0; offset < original.Length - 1024; offset++)
        {
            int block = offset / 512 * 512;
            bool isHeader = original.AsSpan(block + 257, 5).SequenceEqual("ustar"u8);
            foreach (var value in Values)
            {
                if (original[offset] == value)
                    continue;
                var mutated = original.AsSpan(block, 512).ToArray();
                mutated[offset - block] = value;
                if (isHeader && offset - block is < 148 or >= 156)
                    FixChecksum(mutated);
                WriteBlock(path, mutated, block);
                if (TryRead(path, offset, value))
                    accepted++;
                else
                    refused++;
                WriteBlock(path, original.AsSpan(block, 512).ToArray(), block);
            }
        }
        Assert.True(refused > 100 && accepted > 100, $"{refused} refused, {accepted} accepted");
    }

    private static void WriteBlock(string path, byte[] block, long offset)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(file, block, offset);
    }

    private static bool TryRead(string path, int offset, byte value)
    {
        try
        {
            using var tar = TarArchive.Open(path, new TarReadOptions { Aufs = true });
            ReadEverything(tar.Root);
            return true;
        }
        catch (InvalidSourceException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"byte {offset} set to 0x{value:X2}: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    private static void ReadEverything(Erofs.Building.Source.SourceNode root)
    {
        var pending = new Stack<Erofs.Building.Source.SourceNode>([root]);
        while (pending.TryPop(out var node))
        {
            foreach (var child in node.Children)
                pending.Push(child.Node);
            if (node.Content is { Length: < 1 << 20 } content)
            {
                using var reader = content.Open();
                reader.ReadExactly(0, new byte[content.Length]);
            }
        }
    }

    private static void FixChecksum(Span<byte> header)
    {
        header.Slice(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in header)
            sum += b;
        var text = System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        text.CopyTo(header.Slice(148, 8));
    }
}
