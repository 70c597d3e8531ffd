using System.Text;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// Paths as dump reports show them: absolute, and shortened to "…/tail" when longer than
/// <see cref="MaxLength"/> (a hostile tree can nest thousands of levels).
/// </summary>
internal static class ShortPath
{
    /// <summary>Longest text <see cref="Of"/> produces; longer paths keep their tail.</summary>
    public const int MaxLength = 4096;

    /// <summary>The path of <paramref name="entry"/> ("/" for the root).</summary>
    public static string Of(ImageWalkEntry entry)
    {
        var names = new List<string>();
        int length = 0;
        bool truncated = false;
        for (var node = entry; node.Parent is not null; node = node.Parent)
        {
            if (length + node.Name.Length + 1 > MaxLength)
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
