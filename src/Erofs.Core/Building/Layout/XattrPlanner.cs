using System.Text;
using Erofs.Checking;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// Decides where every xattr goes: the long prefix table, the shared area (values carried by more
/// than <see cref="BuildOptions.XattrSharingThreshold"/> inodes, sorted by name and value) and each
/// inode's body (shared ids, then inline entries, both sorted by name and value, as mkfs 1.9.3).
/// </summary>
internal static class XattrPlanner
{
    public const int FingerprintValueSize = 39;
    private static readonly byte[] FingerprintPlaceholder = new byte[FingerprintValueSize];

    // sharedAreaStart: Absolute offset where the shared area will be written (4-aligned).
    public static XattrPlan Plan(List<InodePlan> inodes, BuildOptions options, long sharedAreaStart)
    {
        var naming = new XattrNaming();
        foreach (var prefix in options.XattrPrefixes)
            naming.AddPrefix(prefix);
        int fingerprintId = options.FingerprintXattrName is { } fp ? naming.AddPrefix(fp) : -1;

        var perInode = new List<XattrItem>[inodes.Count];
        var counts = new Dictionary<XattrItem, int>();
        for (int i = 0; i < inodes.Count; i++)
        {
            perInode[i] = SourceItems(inodes[i], options, naming);
            foreach (var item in perInode[i])
                counts[item] = counts.GetValueOrDefault(item) + 1;
        }
        var shared = counts.Where(kv => options.XattrSharingThreshold >= 0 && kv.Value > options.XattrSharingThreshold)
            .Select(kv => kv.Key).ToList();
        shared.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        var sharedIds = AssignSharedIds(shared, sharedAreaStart, options.BlockSize);

        for (int i = 0; i < inodes.Count; i++)
        {
            var items = perInode[i];
            if (fingerprintId >= 0 && HasFingerprint(inodes[i]))
                items.Add(FingerprintItem(options.FingerprintXattrName!, fingerprintId));
            items.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
            inodes[i].Xattrs = items.Count == 0 ? null : Body(items, sharedIds, options.XattrNameFilter);
        }
        return new XattrPlan(naming, fingerprintId, shared.Select(s => s.Encoded).ToList(),
            sharedAreaStart / options.BlockSize);
    }

    private static List<XattrItem> SourceItems(InodePlan inode, BuildOptions options, XattrNaming naming)
    {
        var items = new List<XattrItem>();
        if (options.XattrSharingThreshold < 0)
            return items;
        foreach (var x in inode.Node.Xattrs)
        {
            if (x.Value.Length > ushort.MaxValue)
                throw new InvalidSourceException($"{inode.Path}: xattr {x.Name} has a {x.Value.Length}-byte value (at most 65535)");
            var (index, suffix, baseIndex, filterName) = naming.Encode(x.Name);
            if (suffix.Length > byte.MaxValue)
                throw new InvalidSourceException($"{inode.Path}: xattr name {x.Name} is too long");
            if (x.Name.Length == 0 || (index == 0 && suffix.Length == 0))
                throw new InvalidSourceException($"{inode.Path}: an xattr has an empty name");
            items.Add(new XattrItem(KeyOf(x.Name, x.Value), new EncodedXattr(index, suffix, x.Value), baseIndex, filterName));
        }
        return items;
    }

    /// <summary>Non-empty regular files, except size-only ones whose digest nobody knows (nothing to hash).</summary>
    private static bool HasFingerprint(InodePlan inode) =>
        inode.Kind == FileKind.Regular && inode.Size > 0 && inode.SizeOnly is not { Sha256: null };

    private static XattrItem FingerprintItem(string name, int prefixId)
    {
        var (_, _, baseIndex, filterName) = new XattrNaming().Encode(name);
        var encoded = new EncodedXattr((byte)(XattrLayout.LongPrefixFlag | prefixId), [], FingerprintPlaceholder, IsFingerprint: true);
        return new XattrItem(KeyOf(name, []), encoded, baseIndex, filterName);
    }

    private static Dictionary<XattrItem, uint> AssignSharedIds(List<XattrItem> shared, long areaStart, int blockSize)
    {
        var ids = new Dictionary<XattrItem, uint>();
        long offset = areaStart % blockSize;
        foreach (var item in shared)
        {
            ids[item] = checked((uint)(offset / 4));
            offset += item.Encoded.EntrySize;
        }
        return ids;
    }

    private static XattrBody Body(List<XattrItem> items, Dictionary<XattrItem, uint> sharedIds, bool filter)
    {
        var ids = new List<uint>();
        var inline = new List<EncodedXattr>();
        uint bits = 0;
        foreach (var item in items)
        {
            bits |= 1u << XattrNameFilter.BitOf(item.FilterName, item.BaseIndex);
            if (sharedIds.TryGetValue(item, out uint id) && ids.Count < byte.MaxValue)
                ids.Add(id);
            else
                inline.Add(item.Encoded);
        }
        return new XattrBody(filter ? ~bits : 0, ids, inline);
    }

    private static byte[] KeyOf(string name, byte[] value)
    {
        int n = Encoding.UTF8.GetByteCount(name);
        var key = new byte[n + 1 + value.Length];
        Encoding.UTF8.GetBytes(name, key);
        value.CopyTo(key, n + 1);
        return key;
    }
}

/// <summary>One xattr of the source with its sort/identity key ("name\0value") and its encoding.</summary>
internal sealed class XattrItem(byte[] key, EncodedXattr encoded, byte baseIndex, byte[] filterName) : IEquatable<XattrItem>
{
    public byte[] Key { get; } = key;
    public EncodedXattr Encoded { get; } = encoded;
    public byte BaseIndex { get; } = baseIndex;
    public byte[] FilterName { get; } = filterName;

    public bool Equals(XattrItem? other) => other is not null && Key.AsSpan().SequenceEqual(other.Key);
    public override bool Equals(object? obj) => Equals(obj as XattrItem);
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Key);
        return h.ToHashCode();
    }
}

/// <summary>The image-wide result of xattr planning.</summary>
internal sealed record XattrPlan(XattrNaming Naming, int FingerprintPrefixId, List<EncodedXattr> Shared, long SharedBlock)
{
    public int SharedSize => Shared.Sum(e => e.EntrySize);
}
