using System.Text;
using Erofs.Format;

namespace Erofs.Building.Layout;

/// <summary>
/// How xattr names are stored: a short prefix index (user., trusted., security., the two ACL
/// names), optionally a long prefix from the image's table, and the remaining suffix.
/// </summary>
internal sealed class XattrNaming
{
    /// <summary>Short prefixes in mkfs's match order, with their e_name_index.</summary>
    private static readonly (string Prefix, byte Index)[] ShortPrefixes =
    [
        ("user.", 1), ("system.posix_acl_access", 2), ("system.posix_acl_default", 3), ("trusted.", 4), ("security.", 6),
    ];

    private readonly List<LongPrefix> _prefixes = [];

    /// <summary>The long prefix table in order.</summary>
    public IReadOnlyList<LongPrefix> Prefixes => _prefixes;

    /// <summary>Adds a long prefix and returns its table index.</summary>
    public int AddPrefix(string prefix)
    {
        if (_prefixes.Count >= 0x80)
            throw new ArgumentException("at most 128 long xattr prefixes");
        var (baseIndex, baseLength) = MatchShort(prefix);
        byte[] infix = Encoding.UTF8.GetBytes(prefix[baseLength..]);
        if (infix.Length > byte.MaxValue - 1)
            throw new ArgumentException($"xattr prefix '{prefix}' is longer than 254 bytes after its namespace");
        _prefixes.Add(new LongPrefix(prefix, baseIndex, infix));
        return _prefixes.Count - 1;
    }

    /// <summary>Encodes a full name: (e_name_index, suffix bytes, base index for the name filter, filter input).</summary>
    public (byte Index, byte[] Suffix, byte BaseIndex, byte[] FilterName) Encode(string name)
    {
        var (baseIndex, baseLength) = MatchShort(name);
        byte[] full = Encoding.UTF8.GetBytes(name);
        int baseBytes = Encoding.UTF8.GetByteCount(name.AsSpan(0, baseLength));
        byte[] filterName = full[baseBytes..];
        for (int i = 0; i < _prefixes.Count; i++)
        {
            var p = _prefixes[i];
            if (p.BaseIndex == baseIndex && name.StartsWith(p.Prefix, StringComparison.Ordinal))
                return ((byte)(XattrLayout.LongPrefixFlag | i), full[(baseBytes + p.Infix.Length)..], baseIndex, filterName);
        }
        return (baseIndex, full[baseBytes..], baseIndex, filterName);
    }

    private static (byte Index, int Length) MatchShort(string name)
    {
        foreach (var (prefix, index) in ShortPrefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal))
                return (index, prefix.Length);
        return (0, 0);
    }
}

/// <summary>A long xattr name prefix: full text, its short prefix index and the infix stored in the table.</summary>
internal sealed record LongPrefix(string Prefix, byte BaseIndex, byte[] Infix);
