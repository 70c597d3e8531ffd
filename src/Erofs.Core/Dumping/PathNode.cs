using System.Text;

namespace Erofs.Dumping;

/// <summary>
/// A path as a chain of names: each directory shares its parent's chain, so a deep or wide tree
/// costs one node per entry instead of one full string per pending directory.
/// </summary>
internal sealed class PathNode(PathNode? parent, string name)
{
    /// <summary>Longest text <see cref="Render"/> produces; longer paths keep their tail.</summary>
    public const int MaxRenderedLength = 4096;

    public PathNode? Parent => parent;

    public string Name => name;

    /// <summary>The absolute path ("/" for the root), shortened to "…/tail" when very long.</summary>
    public string Render()
    {
        var names = new List<string>();
        int length = 0;
        bool truncated = false;
        for (var node = this; node.Parent is not null; node = node.Parent)
        {
            if (length + node.Name.Length + 1 > MaxRenderedLength)
            {
                truncated = true;
                break;
            }
            names.Add(node.Name);
            length += node.Name.Length + 1;
        }
        if (names.Count == 0)
            return truncated ? "…" : "/";
        var text = new StringBuilder(length + 2);
        if (truncated)
            text.Append('…');
        for (int i = names.Count - 1; i >= 0; i--)
            text.Append('/').Append(names[i]);
        return text.ToString();
    }
}
