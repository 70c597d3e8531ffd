namespace Erofs.Benchmarks;

/// <summary>
/// The encoder benchmarks' input: the first 8 MiB of the regular *.so* files in /usr/lib/x86_64-linux-gnu,
/// in name order (the corpus decision 0003 measured the decoders on), so runs on this kind of machine compare.
/// </summary>
internal static class EncoderCorpus
{
    public const int Length = 8 << 20;
    private const string Directory = "/usr/lib/x86_64-linux-gnu";

    private static readonly Lazy<byte[]> LazyData = new(Load);

    public static byte[] Data => LazyData.Value;

    private static byte[] Load()
    {
        var data = new byte[Length];
        int filled = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*.so*").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (file.LinkTarget is not null)
                continue;
            using var stream = file.OpenRead();
            int n;
            while (filled < Length && (n = stream.Read(data, filled, Length - filled)) > 0)
                filled += n;
            if (filled == Length)
                return data;
        }
        throw new InvalidOperationException($"only {filled} bytes of shared objects in {Directory}");
    }
}
