using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>Runs the real `erofs` command (the built erofs.dll beside the tests) as a user would.</summary>
internal static class ErofsCli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "erofs.dll");

    public static ProcessResult Run(params string[] args) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], TimeSpan.FromMinutes(3));

    /// <summary>A failure must be reported on one line with no stack trace.</summary>
    public static void AssertOneLineError(ProcessResult result, string expectedFragment)
    {
        Assert.NotEqual(0, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got:\n{result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, lines[0], StringComparison.Ordinal);
    }
}
