namespace Erofs.Dumping;

/// <summary>
/// The "File type distribution" buckets of <c>dump.erofs -S</c>, with its matching rule kept as is:
/// the name's last '.' and what follows is compared with each listed extension over the suffix's
/// length only (C <c>strncmp</c>), so a suffix that is a prefix of one matches it: "a.t" counts as
/// .txt, "b.o" as .odex, "c." as .txt. Names without a '.' are "others".
/// </summary>
public static class ErofsUtilsFileTypes
{
    /// <summary>The bucket labels in dump.erofs's order; the last is "others".</summary>
    public static IReadOnlyList<string> Labels { get; } = [".txt", ".so", ".xml", ".apk", ".odex", ".vdex", ".oat", ".rc", ".otf", "others"];

    /// <summary>Index into <see cref="Labels"/> of the bucket a file name (raw bytes) falls in.</summary>
    public static int Classify(ReadOnlySpan<byte> name)
    {
        int dot = name.LastIndexOf((byte)'.');
        int others = Labels.Count - 1;
        if (dot < 0)
            return others;
        var suffix = name[dot..];
        for (int i = 0; i < others; i++)
        {
            if (StrncmpEqual(suffix, Labels[i]))
                return i;
        }
        return others;
    }

    // strncmp(suffix, label, suffix.Length) == 0: equal up to the first NUL (the label's end counts as one).
    private static bool StrncmpEqual(ReadOnlySpan<byte> suffix, string label)
    {
        for (int i = 0; i < suffix.Length; i++)
        {
            byte expected = i < label.Length ? (byte)label[i] : (byte)0;
            if (suffix[i] != expected)
                return false;
            if (expected == 0)
                return true;
        }
        return true;
    }
}
