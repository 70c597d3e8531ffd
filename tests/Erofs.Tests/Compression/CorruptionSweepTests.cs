using Xunit.Abstractions;
using Erofs.Compression;

namespace Erofs.Tests.Compression;

/// <summary>
/// Hundreds of random corruptions per algorithm: every outcome must be success or
/// <see cref="ErofsContentException"/>, nothing is written past the destination, and nothing hangs.
/// </summary>
public sealed class CorruptionSweepTests(ITestOutputHelper output)
{
    private const int Iterations = 400;
    private const int Guard = 64;

    public static TheoryData<string> Algorithms => Codec.All;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Random_corruptions_only_raise_content_errors(string name)
    {
        var algorithm = Codec.Parse(name);
        var data = Codec.Text(24_000, 11 + (int)algorithm);
        var stream = Codec.Encode(algorithm, data);
        var decoder = Codec.Decoder(algorithm);
        var unexpected = new List<string>();
        int contentErrors = 0;
        var sweep = Task.Run(() =>
        {
            var random = new Random(1000 + (int)algorithm);
            for (int i = 0; i < Iterations; i++)
            {
                var (bad, how) = Mutate(stream, random, i);
                bool partial = random.Next(2) == 0;
                int wanted = partial ? 1 + random.Next(data.Length) : data.Length;
                var outcome = Run(decoder, bad, wanted, partial);
                if (outcome is null)
                    continue;
                if (outcome == "content")
                    contentErrors++;
                else
                    unexpected.Add($"#{i} {how} partial={partial}: {outcome}");
            }
        });
        // A hang shows up as a TimeoutException instead of a stuck test run.
        await sweep.WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"{algorithm.Name()}: {Iterations} corruptions, {contentErrors} content errors, the rest decoded");
        Assert.Empty(unexpected);
        Assert.InRange(contentErrors, Iterations / 4, Iterations);
    }

    /// <summary>Decodes once; null = success, "content" = ErofsContentException, otherwise a description.</summary>
    private static string? Run(IDecompressor decoder, byte[] source, int wanted, bool partial)
    {
        var buffer = new byte[wanted + Guard];
        buffer.AsSpan(wanted).Fill(0xA5);
        string? outcome = null;
        try
        {
            decoder.Decompress(source, buffer.AsSpan(0, wanted), partial);
        }
        catch (ErofsContentException)
        {
            outcome = "content";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        return buffer.AsSpan(wanted).ContainsAnyExcept((byte)0xA5) ? "wrote past the destination" : outcome;
    }

    private static (byte[] Bytes, string How) Mutate(byte[] stream, Random random, int i)
    {
        var bytes = (byte[])stream.Clone();
        int at = random.Next(bytes.Length);
        switch (i % 7)
        {
            case 0:
                return (bytes[..Math.Max(1, at)], $"truncate to {Math.Max(1, at)}");
            case 1:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return (bytes, $"flip bit at {at}");
            case 2:
                bytes[at] = (byte)random.Next(256);
                return (bytes, $"overwrite byte {at}");
            case 3:
                return (Codec.Noise(1 + random.Next(4096), random.Next()), "garbage");
            case 4:
                return ([.. bytes, .. Codec.Noise(1 + random.Next(64), random.Next())], "append garbage");
            case 5:
                return ([.. bytes[..at], .. bytes[(at + 1)..]], $"drop byte {at}");
            default:
                int count = 1 + random.Next(Math.Min(32, bytes.Length - at));
                bytes.AsSpan(at, count).Clear();
                return (bytes, $"zero {count} bytes at {at}");
        }
    }
}
