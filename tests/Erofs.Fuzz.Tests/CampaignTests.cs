using System.Diagnostics;
using Xunit.Abstractions;

namespace Erofs.Fuzz.Tests;

/// <summary>
/// CI's fuzz stage: each harness runs under afl-fuzz for a bounded time (fuzz/run.sh) and must end
/// with no crash and no hang that repeats on replay. ERFUZZ_SECONDS overrides the 40 s per target;
/// four targets with publishing and instrumenting stay within about five minutes.
/// </summary>
public sealed class CampaignTests(ITestOutputHelper output)
{
    private const int DefaultSeconds = 40;

    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Harness_runs_its_bounded_time_without_a_crash(string target)
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("ERFUZZ_SECONDS"), out int s) && s > 0 ? s : DefaultSeconds;
        var (exitCode, log) = Run(Path.Combine(Repository.Root, "fuzz", "run.sh"), $"{target} {seconds}", TimeSpan.FromSeconds(seconds + 300));

        output.WriteLine(log);
        Assert.True(exitCode == 0, $"fuzz/run.sh {target} {seconds} exited with {exitCode}:\n{log}");
        Assert.Contains($"fuzz {target}: ", log, StringComparison.Ordinal);
        Assert.Contains("crashes 0", log, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Log) Run(string script, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", $"{script} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
