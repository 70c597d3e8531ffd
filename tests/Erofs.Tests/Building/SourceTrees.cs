using System.Text;
using Erofs.Building.Source;

namespace Erofs.Tests.Building;

/// <summary>In-memory source trees for builder tests.</summary>
internal static class SourceTrees
{
    public static SourceNode File(byte[] content, uint permissions = 0x1A4) =>
        new() { Mode = 0x8000 | permissions, Content = content.Length == 0 ? null : new BytesContent(content) };

    public static SourceNode Symlink(string target) => new() { Mode = 0xA1FF, LinkTarget = Encoding.UTF8.GetBytes(target) };

    public static SourceNode Add(this SourceNode dir, string name, SourceNode node)
    {
        dir.Children.Add(new SourceEntry(Encoding.UTF8.GetBytes(name), node));
        return node;
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A small tree with one of each kind, a hard link, xattrs and sizes around block edges.</summary>
    public static SourceNode Sample()
    {
        var root = SourceNode.NewDirectory();
        root.Add("empty", File([]));
        root.Add("hello", File("hello\n"u8.ToArray()));
        foreach (int size in new[] { 4095, 4096, 4097, 10000 })
            root.Add($"f{size}", File(Random(size, size)));
        var sub = root.Add("sub", SourceNode.NewDirectory());
        for (int i = 0; i < 200; i++)
            sub.Add($"entry-{i:D3}-padding-the-name", File(Random(i * 13, i)));
        var linked = root.Add("linked", File(Random(5000, 7)));
        sub.Add("also-linked", linked);
        root.Add("link", Symlink("hello"));
        root.Add("long-link", Symlink(new string('t', 3000)));
        root.Add("null", new SourceNode { Mode = 0x21B6, RdevMajor = 1, RdevMinor = 3 });
        root.Add("fifo", new SourceNode { Mode = 0x11A4 });
        var tagged = root.Add("tagged", File(Random(100, 9)));
        tagged.Xattrs.Add(new SourceXattr("user.one", "1"u8.ToArray()));
        tagged.Xattrs.Add(new SourceXattr("trusted.bin", [0, 1, 2, 0, 255]));
        return root;
    }
}
