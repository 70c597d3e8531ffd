using System.Text;
using Erofs.Building.Source;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// Turns the source tree into inodes in breadth-first order (the root first, a hard-linked file
/// once), with sorted entries, link counts, inode serials and the owner/time policy applied.
/// </summary>
internal static class TreeFlattener
{
    public const int MaxNameLength = 255;

    public static List<InodePlan> Flatten(SourceNode root, BuildOptions options, ImageTime time)
    {
        if (root.Kind != FileKind.Directory)
            throw new InvalidSourceException("the source root is not a directory");
        var inodes = new List<InodePlan>();
        var seen = new Dictionary<SourceNode, InodePlan>(ReferenceEqualityComparer.Instance);
        var rootPlan = NewPlan(root, "/", inodes, seen, options, time);
        rootPlan.Parent = rootPlan;
        for (int i = 0; i < inodes.Count; i++)
        {
            var dir = inodes[i];
            if (dir.Kind != FileKind.Directory)
                continue;
            foreach (var entry in SortedEntries(dir))
            {
                string path = dir.Path == "/" ? "/" + Display(entry.Name) : dir.Path + "/" + Display(entry.Name);
                if (!seen.TryGetValue(entry.Node, out var child))
                    child = NewPlan(entry.Node, path, inodes, seen, options, time);
                else if (child.Kind == FileKind.Directory)
                    throw new InvalidSourceException($"{path}: a directory is linked twice");
                if (child.Kind == FileKind.Directory)
                {
                    child.Parent = dir;
                    dir.Nlink++;
                }
                else
                    child.Nlink++;
                dir.Children.Add(new DirectoryChild(entry.Name, child));
            }
        }
        for (int i = 0; i < inodes.Count; i++)
            inodes[i].Ino = (uint)(i + 1);
        return inodes;
    }

    private static InodePlan NewPlan(SourceNode node, string path, List<InodePlan> inodes,
        Dictionary<SourceNode, InodePlan> seen, BuildOptions options, ImageTime time)
    {
        if (node.Kind == FileKind.Unknown)
            throw new InvalidSourceException($"{path}: unsupported file type (mode 0{Convert.ToString(node.Mode, 8)})");
        var plan = new InodePlan(node, path)
        {
            Nlink = node.Kind == FileKind.Directory ? 2u : 0u,
            Uid = options.ForceUid ?? (options.AllRoot ? 0 : node.Uid + options.UidOffset),
            Gid = options.ForceGid ?? (options.AllRoot ? 0 : node.Gid + options.GidOffset),
            Size = node.Size,
        };
        (plan.MtimeSeconds, plan.MtimeNanoseconds) = time.MtimeOf(node);
        seen.Add(node, plan);
        inodes.Add(plan);
        return plan;
    }

    private static List<SourceEntry> SortedEntries(InodePlan dir)
    {
        var entries = new List<SourceEntry>(dir.Node.Children);
        entries.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        for (int i = 0; i < entries.Count; i++)
        {
            CheckName(dir, entries[i].Name);
            if (i > 0 && entries[i].Name.AsSpan().SequenceEqual(entries[i - 1].Name))
                throw new InvalidSourceException($"{dir.Path}: the name '{Display(entries[i].Name)}' appears twice");
        }
        return entries;
    }

    private static void CheckName(InodePlan dir, byte[] name)
    {
        string problem = name.Length switch
        {
            0 => "an empty name",
            > MaxNameLength => $"a name of {name.Length} bytes (at most {MaxNameLength})",
            _ when name.AsSpan().IndexOfAny((byte)'/', (byte)0) >= 0 => $"a name containing '/' or NUL",
            _ when name is [(byte)'.'] or [(byte)'.', (byte)'.'] => "an entry named '.' or '..'",
            _ => "",
        };
        if (problem.Length > 0)
            throw new InvalidSourceException($"{dir.Path}: {problem}: '{Display(name)}'");
    }

    /// <summary>Name bytes for messages (invalid UTF-8 shows as U+FFFD).</summary>
    public static string Display(byte[] name) => Encoding.UTF8.GetString(name);
}
