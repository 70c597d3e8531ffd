using System.Text;

namespace Erofs.Building.Tar;

/// <summary>
/// Turns an archive path into directory components: leading "./" and "/", repeated and trailing
/// slashes and "." components are dropped; ".." and names over 255 bytes are refused.
/// </summary>
internal static class TarPath
{
    /// <summary>Longest name EROFS stores.</summary>
    public const int MaxNameLength = 255;

    private const int MaxDisplayLength = 200;

    /// <summary>The components, root first; empty for the root itself.</summary>
    public static List<byte[]> Split(ReadOnlySpan<byte> path, Func<string, InvalidSourceException> fail)
    {
        var components = new List<byte[]>();
        foreach (var range in path.Split((byte)'/'))
        {
            var name = path[range];
            if (name.IsEmpty || name.SequenceEqual("."u8))
                continue;
            if (name.SequenceEqual(".."u8))
                throw fail("path has a '..' component");
            if (name.Length > MaxNameLength)
                throw fail($"a name of {name.Length} bytes is longer than {MaxNameLength}");
            if (name.Contains((byte)0))
                throw fail("path contains a NUL byte");
            components.Add(name.ToArray());
        }
        return components;
    }

    /// <summary>The path as text for messages (invalid UTF-8 replaced, long paths shortened).</summary>
    public static string Display(ReadOnlySpan<byte> path)
    {
        var text = Encoding.UTF8.GetString(path);
        return text.Length <= MaxDisplayLength ? text : string.Concat(text.AsSpan(0, MaxDisplayLength), "...");
    }
}
