using System.Text;
using Erofs.Fuse;
using Erofs.Fuse.Abi;

namespace Erofs.Tests.Fuse;

/// <summary>A tiny file system: root (1) holds "file" (node 2, "hello") and "bad" (node 3, whose reads throw).</summary>
internal sealed class FakeFileSystem : IFuseFileSystem
{
    public static readonly byte[] Content = "hello"u8.ToArray();

    public List<(ulong Node, ulong Count)> Forgotten { get; } = [];

    public int Reads { get; private set; }

    public bool Destroyed { get; private set; }

    public int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry)
    {
        entry = default;
        string text = Encoding.UTF8.GetString(name);
        if (text == "throws")
            throw new InvalidOperationException("handler failure");
        ulong node = text switch { "file" => 2, "bad" => 3, _ => 0 };
        if (node == 0)
            return Errno.ENOENT;
        entry = new FuseEntry(node, Attributes(node), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        return Errno.Ok;
    }

    public void Forget(ulong node, ulong count) => Forgotten.Add((node, count));

    public int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout)
    {
        attributes = Attributes(node);
        timeout = TimeSpan.FromSeconds(3);
        return node is >= 1 and <= 3 ? Errno.Ok : Errno.ENOENT;
    }

    public int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = new FuseOpenResult(77, FuseOpenFlags.KeepCache);
        return Errno.Ok;
    }

    public int Read(in FuseContext context, ulong node, ulong handle, long offset, Span<byte> destination, out int bytesRead)
    {
        Reads++;
        if (node == 3)
            throw new IOException("damaged");
        var rest = Content.AsSpan((int)Math.Min(offset, Content.Length));
        bytesRead = Math.Min(rest.Length, destination.Length);
        rest[..bytesRead].CopyTo(destination);
        return Errno.Ok;
    }

    public int ReadDirectory(in FuseContext context, ulong node, ulong handle, long offset, ref FuseDirectoryBuffer buffer)
    {
        string[] names = [".", "..", "file", "bad"];
        for (long i = offset; i < names.Length; i++)
        {
            var name = Encoding.UTF8.GetBytes(names[i]);
            bool added = i < 2
                ? buffer.TryAdd(name, 1, 4, i + 1)
                : buffer.TryAddPlus(name, new FuseEntry((ulong)i, Attributes((ulong)i), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), i + 1);
            if (!added)
                break;
        }
        return Errno.Ok;
    }

    public int GetXattr(in FuseContext context, ulong node, string name, out byte[] value)
    {
        value = "value-123"u8.ToArray();
        return name == "user.x" ? Errno.Ok : Errno.ENODATA;
    }

    public int ListXattr(in FuseContext context, ulong node, out IReadOnlyList<string> names)
    {
        names = ["user.x", "trusted.y"];
        return Errno.Ok;
    }

    public void Destroy() => Destroyed = true;

    private static FuseAttributes Attributes(ulong node) => new()
    {
        Ino = 100 + node,
        Mode = node == 1 ? 0x41EDu : 0x81A4u,
        Size = node == 1 ? 0 : (ulong)Content.Length,
        Nlink = 1,
        MtimeSeconds = 1_700_000_000,
        MtimeNanoseconds = 5,
    };
}
