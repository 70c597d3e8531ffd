using System.Diagnostics;
using System.Globalization;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class ProcessRunnerTests
{
    [Fact]
    public void CapturesOutputAndExitCode()
    {
        var result = ProcessRunner.Run("sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StdOut);
        Assert.Equal("err\n", result.StdErr);
        Assert.False(result.Succeeded);
        Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
    }

    [Fact]
    public void PassesArgumentsVerbatim()
    {
        var result = ProcessRunner.RunChecked("printf", "%s|", "a b", "'q'", "$HOME", "");

        Assert.Equal("a b|'q'|$HOME||", result.StdOut.TrimEnd('\n'));
    }

    [Fact]
    public void MissingProgramThrowsClearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ProcessRunner.Run("/nonexistent/program"));
        Assert.Contains("/nonexistent/program", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeoutKillsTheWholeProcessTree()
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ProcessTimeoutException>(() =>
            ProcessRunner.Run("sh", ["-c", "sleep 300 & echo $!; wait"], TimeSpan.FromSeconds(2)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.True(int.TryParse(ex.StdOut.Trim(), CultureInfo.InvariantCulture, out var childPid), $"no pid in stdout: '{ex.StdOut}'");
        Assert.True(WaitUntilGone(childPid), $"child {childPid} (sleep) survived the timeout kill");
    }

    private static bool WaitUntilGone(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                // A zombie waiting for its reaper is dead too.
                var state = File.ReadAllText(stat).Split(") ")[1][0];
                if (state is 'Z' or 'X')
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
