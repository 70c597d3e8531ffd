using System.Globalization;
using System.Text;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// Compares two trees given as <see cref="ManifestEntry"/> lists (a corpus manifest, or a directory
/// captured by <see cref="TreeSnapshot"/>) and lists every difference, so a test can assert the list is
/// empty and print it when it is not.
/// </summary>
public static class TreeComparer
{
    /// <summary>Compares a source directory (expected) with another directory (actual: extraction or mount).</summary>
    public static IReadOnlyList<TreeDifference> CompareDirectories(string expectedDir, string actualDir, TreeCompareOptions? options = null) =>
        Compare(TreeSnapshot.Capture(expectedDir), TreeSnapshot.Capture(actualDir), options);

    /// <summary>Compares a manifest (expected) with a directory (actual).</summary>
    public static IReadOnlyList<TreeDifference> CompareToManifest(Manifest expected, string actualDir, TreeCompareOptions? options = null) =>
        Compare(expected.Entries, TreeSnapshot.Capture(actualDir), options);

    /// <summary>Compares two entry lists by path.</summary>
    public static IReadOnlyList<TreeDifference> Compare(IEnumerable<ManifestEntry> expected, IEnumerable<ManifestEntry> actual, TreeCompareOptions? options = null)
    {
        options ??= TreeCompareOptions.Default;
        var filter = options.PathFilter ?? (_ => true);
        var expectedByPath = ToMap(expected.Where(e => filter(e.Path)), "expected");
        var actualByPath = ToMap(actual.Where(e => filter(e.Path)), "actual");
        var differences = new List<TreeDifference>();

        foreach (var path in expectedByPath.Keys.Union(actualByPath.Keys).Order(StringComparer.Ordinal))
        {
            expectedByPath.TryGetValue(path, out var e);
            actualByPath.TryGetValue(path, out var a);
            var ignored = options.IgnoredFor(e ?? a!);
            if (e == null || a == null)
            {
                if (!ignored.HasFlag(TreeProperties.Presence))
                {
                    differences.Add(e == null
                        ? new TreeDifference(path, "presence", "absent", Describe(a!))
                        : new TreeDifference(path, "presence", Describe(e), "absent"));
                }

                continue;
            }

            CompareEntry(e, a, ignored, options, differences);
        }

        if (!options.Ignore.HasFlag(TreeProperties.HardLinks))
        {
            CompareHardLinks(expectedByPath, actualByPath, options, differences);
        }

        return differences;
    }

    /// <summary>Formats differences for an assertion message, at most <paramref name="max"/> lines.</summary>
    public static string Format(IReadOnlyCollection<TreeDifference> differences, int max = 100)
    {
        if (differences.Count == 0)
        {
            return "no differences";
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{differences.Count} difference(s):\n");
        foreach (var d in differences.Take(max))
        {
            sb.Append("  ").Append(d).Append('\n');
        }

        if (differences.Count > max)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  ... and {differences.Count - max} more\n");
        }

        return sb.ToString();
    }

    /// <summary>Fails the test with the formatted list unless it is empty.</summary>
    public static void AssertNoDifferences(IReadOnlyCollection<TreeDifference> differences, string? context = null)
    {
        if (differences.Count > 0)
        {
            Assert.Fail((context == null ? "" : context + ": ") + Format(differences));
        }
    }

    private static void CompareEntry(ManifestEntry e, ManifestEntry a, TreeProperties ignored, TreeCompareOptions options, List<TreeDifference> differences)
    {
        void Check<T>(TreeProperties property, string name, T expected, T actual, Func<T, string>? format = null)
        {
            if (!ignored.HasFlag(property) && !EqualityComparer<T>.Default.Equals(expected, actual))
            {
                format ??= v => v?.ToString() ?? "none";
                differences.Add(new TreeDifference(e.Path, name, format(expected), format(actual)));
            }
        }

        Check(TreeProperties.Type, "type", e.Type, a.Type);
        Check(TreeProperties.Mode, "mode", e.Permissions, a.Permissions, m => "0" + Convert.ToString(m, 8));
        Check(TreeProperties.Uid, "uid", e.Uid, a.Uid);
        Check(TreeProperties.Gid, "gid", e.Gid, a.Gid);
        Check(TreeProperties.Nlink, "nlink", e.Nlink, a.Nlink);
        Check(TreeProperties.Mtime, "mtime_ns", e.MtimeNs, a.MtimeNs, FormatTime);
        Check(TreeProperties.Size, "size", e.Size, a.Size);
        if (e.Sha256 != null && a.Sha256 != null)
        {
            Check(TreeProperties.Content, "sha256", e.Sha256, a.Sha256);
        }

        Check(TreeProperties.Target, "target", e.Target, a.Target, t => t == null ? "none" : Shorten(t));
        Check(TreeProperties.Rdev, "rdev", e.Rdev, a.Rdev);

        if (!ignored.HasFlag(TreeProperties.Xattrs))
        {
            CompareXattrs(e, a, options.XattrFilter ?? (_ => true), differences);
        }
    }

    private static void CompareXattrs(ManifestEntry e, ManifestEntry a, Func<string, bool> filter, List<TreeDifference> differences)
    {
        foreach (var name in e.Xattrs.Keys.Union(a.Xattrs.Keys).Where(filter).Order(StringComparer.Ordinal))
        {
            var hasExpected = e.Xattrs.TryGetValue(name, out var expectedValue);
            var hasActual = a.Xattrs.TryGetValue(name, out var actualValue);
            if (hasExpected && hasActual && expectedValue!.AsSpan().SequenceEqual(actualValue))
            {
                continue;
            }

            differences.Add(new TreeDifference(
                e.Path,
                "xattr:" + name,
                hasExpected ? FormatValue(expectedValue!) : "absent",
                hasActual ? FormatValue(actualValue!) : "absent"));
        }
    }

    private static void CompareHardLinks(
        Dictionary<string, ManifestEntry> expected, Dictionary<string, ManifestEntry> actual, TreeCompareOptions options, List<TreeDifference> differences)
    {
        // Only where both sides know inode numbers (snapshots do, manifests do not).
        var common = expected.Keys
            .Where(p => actual.ContainsKey(p) && expected[p].Inode != null && actual[p].Inode != null)
            .Where(p => expected[p].Type != FileType.Directory && !options.IgnoredFor(expected[p]).HasFlag(TreeProperties.HardLinks))
            .ToList();
        var expectedGroups = common.GroupBy(p => expected[p].Inode).Where(g => g.Count() > 1).Select(g => g.Order(StringComparer.Ordinal).ToList());
        var actualGroups = common.GroupBy(p => actual[p].Inode).Where(g => g.Count() > 1).Select(g => g.Order(StringComparer.Ordinal).ToList());
        var expectedSet = expectedGroups.Select(g => string.Join(" = ", g)).ToHashSet(StringComparer.Ordinal);
        var actualSet = actualGroups.Select(g => string.Join(" = ", g)).ToHashSet(StringComparer.Ordinal);
        foreach (var group in expectedSet.Except(actualSet).Order(StringComparer.Ordinal))
        {
            differences.Add(new TreeDifference(group.Split(" = ")[0], "hardlinks", group, "not one inode"));
        }

        foreach (var group in actualSet.Except(expectedSet).Order(StringComparer.Ordinal))
        {
            differences.Add(new TreeDifference(group.Split(" = ")[0], "hardlinks", "not one inode", group));
        }
    }

    private static Dictionary<string, ManifestEntry> ToMap(IEnumerable<ManifestEntry> entries, string side)
    {
        var map = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!map.TryAdd(entry.Path, entry))
            {
                throw new ArgumentException($"The {side} tree lists '{entry.Path}' twice.");
            }
        }

        return map;
    }

    private static string Describe(ManifestEntry entry) => $"{entry.Type} {FileTypes.FormatMode(entry.Mode)}";

    private static string FormatTime(long ns)
    {
        var seconds = Math.DivRem(ns, 1_000_000_000L, out var fraction);
        return string.Create(CultureInfo.InvariantCulture, $"{ns} ({seconds}.{fraction:D9})");
    }

    private static string FormatValue(byte[] value)
    {
        var printable = value.All(b => b is >= 0x20 and < 0x7f);
        var text = printable ? "\"" + Encoding.ASCII.GetString(value) + "\"" : "0x" + Convert.ToHexStringLower(value);
        return $"{Shorten(text)} ({value.Length} bytes)";
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text;
}
