namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// The images listed in the corpus <c>INDEX.txt</c>. Each line reads
/// <c>NAME.erofs  mkfs.erofs OPTIONS... IMAGE SOURCE  (fsck.erofs: RESULT)</c>.
/// </summary>
public static class CorpusImages
{
    /// <summary>Name of the index file in the corpus directory.</summary>
    public const string IndexFileName = "INDEX.txt";

    private static readonly Lazy<IReadOnlyList<CorpusImage>> LazyAll = new(() => Load(Path.Combine(RepoPaths.CorpusDir, IndexFileName)));

    /// <summary>All images of the corpus, in INDEX.txt order.</summary>
    public static IReadOnlyList<CorpusImage> All => LazyAll.Value;

    /// <summary>The image with this name (<c>plain</c> or <c>plain.erofs</c>); throws if unknown.</summary>
    public static CorpusImage Get(string name)
    {
        var stem = name.EndsWith(".erofs", StringComparison.Ordinal) ? name[..^".erofs".Length] : name;
        return All.FirstOrDefault(i => i.Name == stem)
            ?? throw new KeyNotFoundException($"No image '{stem}' in the corpus {IndexFileName}.");
    }

    /// <summary>Image names for xunit <c>[MemberData]</c>, optionally filtered.</summary>
    public static TheoryData<string> Names(Func<CorpusImage, bool>? filter = null)
    {
        var data = new TheoryData<string>();
        foreach (var image in All.Where(filter ?? (_ => true)))
        {
            data.Add(image.Name);
        }

        return data;
    }

    /// <summary>Parses an INDEX.txt file.</summary>
    public static IReadOnlyList<CorpusImage> Load(string indexPath)
    {
        var images = new List<CorpusImage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(indexPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                images.Add(ParseLine(line));
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"{indexPath}:{lineNumber}: {ex.Message}", ex);
            }
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException($"{indexPath} lists no images.");
        }

        return images;
    }

    /// <summary>Parses one INDEX.txt line.</summary>
    public static CorpusImage ParseLine(string line)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 4 || !tokens[0].EndsWith(".erofs", StringComparison.Ordinal) || tokens[1] != "mkfs.erofs")
        {
            throw new FormatException($"unexpected INDEX line: {line}");
        }

        var imageIndex = Array.IndexOf(tokens, "IMAGE", 2);
        if (imageIndex < 0 || imageIndex + 1 >= tokens.Length)
        {
            throw new FormatException($"no 'IMAGE SOURCE' in INDEX line: {line}");
        }

        var fsckStart = line.IndexOf("(fsck.erofs:", StringComparison.Ordinal);
        var fsck = fsckStart < 0 ? "" : line[(fsckStart + "(fsck.erofs:".Length)..].TrimEnd().TrimEnd(')').Trim();

        return new CorpusImage(
            Name: tokens[0][..^".erofs".Length],
            Options: tokens[2..imageIndex],
            Source: tokens[imageIndex + 1],
            FsckResult: fsck,
            IndexLine: line);
    }
}
