using Erofs.Building.Source;
using Erofs.Building.Tar;

namespace Erofs.Fuzz.Targets;

/// <summary>
/// tar: the input is an archive (plain or gzip). Parses every entry into the source tree (with aufs
/// whiteout conversion, the OCI path), then visits every node and reads its content: the start of each
/// file, each data range of a sparse one, and its last bytes.
/// </summary>
internal sealed class TarTarget : IFuzzTarget
{
    private const int ReadCapPerFile = 256 << 10;
    private const int MaxNodes = 100_000;

    private readonly byte[] _buffer = new byte[64 << 10];
    private readonly TarReadOptions _options = new()
    {
        Aufs = true,
        // Spooled input goes to memory when there is a tmpfs for it.
        SpoolDirectory = Directory.Exists("/dev/shm") ? "/dev/shm" : null,
    };

    public string Name => "tar";

    public void Run(byte[] input)
    {
        TarArchive archive;
        try
        {
            archive = TarArchive.Open(new MemoryStream(input, writable: false), "fuzz input", _options);
        }
        catch (Exception e) when (AllowedExceptions.ForTar(e))
        {
            return;
        }
        using (archive)
        {
            var pending = new Stack<SourceNode>([archive.Root]);
            for (int visited = 0; pending.Count > 0 && visited < MaxNodes; visited++)
            {
                var node = pending.Pop();
                _ = node.Kind;
                _ = node.Size;
                foreach (var child in node.Children)
                    pending.Push(child.Node);
                if (node.Content is { } content)
                    AllowedExceptions.Guard(() => ReadContent(content), AllowedExceptions.ForTar);
            }
        }
    }

    private void ReadContent(IFileContent content)
    {
        using var reader = content.Open();
        long length = content.Length;
        Read(reader, 0, Math.Min(length, ReadCapPerFile));
        foreach (var range in content.DataRanges?.Take(64) ?? [])
            Read(reader, range.Offset, Math.Min(range.Length, _buffer.Length));
        if (length > ReadCapPerFile)
            Read(reader, length - _buffer.Length, _buffer.Length);
    }

    private void Read(IContentReader reader, long offset, long count)
    {
        for (long done = 0; done < count;)
        {
            int n = (int)Math.Min(count - done, _buffer.Length);
            reader.ReadExactly(offset + done, _buffer.AsSpan(0, n));
            done += n;
        }
    }
}
