using System.Text;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>One thing <see cref="TreeGenerator"/> made: a tree path and the feature it exercises.</summary>
/// <param name="Path">Tree path, e.g. <c>/sizes/rand-4097</c>.</param>
/// <param name="Feature">Short feature tag, e.g. <c>size</c>, <c>hardlink</c>, <c>sparse</c>, <c>xattr</c>.</param>
/// <param name="Note">Details, e.g. <c>4097 bytes random</c>.</param>
public sealed record GeneratedItem(string Path, string Feature, string Note);

/// <summary>What <see cref="TreeGenerator.Generate"/> made.</summary>
public sealed class GeneratedTree
{
    internal GeneratedTree(string root, TreeOptions options, IReadOnlyList<GeneratedItem> items)
    {
        Root = root;
        Options = options;
        Items = items;
    }

    /// <summary>The directory holding the tree (its <c>/</c>).</summary>
    public string Root { get; }

    /// <summary>The options it was made with.</summary>
    public TreeOptions Options { get; }

    /// <summary>The notable paths, by feature (not every entry of the big directory or the deep path).</summary>
    public IReadOnlyList<GeneratedItem> Items { get; }

    /// <summary>Items with this feature tag.</summary>
    public IEnumerable<GeneratedItem> WithFeature(string feature) => Items.Where(i => i.Feature == feature);

    /// <summary>Full path on disk of a tree path.</summary>
    public string FullPath(string treePath) => treePath == "/" ? Root : Root + treePath;

    /// <summary>A readable summary: counts per feature and the item list.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("tree at ").Append(Root).Append(" seed ").Append(Options.Seed).Append('\n');
        foreach (var group in Items.GroupBy(i => i.Feature))
        {
            sb.Append("  ").Append(group.Key).Append(": ").Append(group.Count()).Append('\n');
            foreach (var item in group)
            {
                sb.Append("    ").Append(item.Path).Append(" (").Append(item.Note).Append(")\n");
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Root}: {Items.Count} items, features: {string.Join(", ", Items.Select(i => i.Feature).Distinct())}";
}
