using System.Runtime.InteropServices;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>Named inputs for the encoder tests: synthetic data and real files of this machine (missing files fail).</summary>
internal static class EncoderInputs
{
    private static readonly Lazy<byte[]> LazyLicenses = new(ReadLicenses);
    private static readonly Lazy<byte[]> LazyManaged = new(() => Slice(typeof(object).Assembly.Location, 1 << 20));
    private static readonly Lazy<byte[]> LazyNative = new(() => Slice(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libcoreclr.so"), 1 << 20));

    /// <summary>Every input name, for theories.</summary>
    public static readonly string[] Names = ["random", "zeros", "text", "licenses", "corelib", "libcoreclr"];

    /// <summary>Whether compressors shrink the input (random data does not).</summary>
    public static bool IsCompressible(string name) => name != "random";

    /// <summary>The input called <paramref name="name"/>, cut to at most <paramref name="limit"/> bytes.</summary>
    public static byte[] Get(string name, int limit = int.MaxValue)
    {
        byte[] data = name switch
        {
            "random" => Codec.Noise(256 << 10, 11),
            "zeros" => new byte[1 << 20],
            "text" => Codec.Text(512 << 10, 12),
            "licenses" => LazyLicenses.Value,
            "corelib" => LazyManaged.Value,
            "libcoreclr" => LazyNative.Value,
            _ => throw new ArgumentException($"unknown input {name}"),
        };
        return data.Length <= limit ? data : data[..limit];
    }

    // /usr/share/common-licenses: plain English text, ~270 KB, on every Debian system.
    private static byte[] ReadLicenses()
    {
        var files = Directory.GetFiles("/usr/share/common-licenses").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        return files.SelectMany(File.ReadAllBytes).ToArray();
    }

    // The middle of a large binary of the running runtime (IL + metadata, or x86-64 code).
    private static byte[] Slice(string path, int length)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= length, $"{path} is only {bytes.Length} bytes");
        int start = (bytes.Length - length) / 2;
        return bytes[start..(start + length)];
    }
}
