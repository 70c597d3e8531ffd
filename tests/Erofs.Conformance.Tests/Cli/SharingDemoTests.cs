using System.Globalization;
using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>The README's main command: the sharing demo must run end to end and show the saving it claims.</summary>
public sealed partial class SharingDemoTests
{
    [Fact]
    public void Demo_shows_both_images_read_through_one_copy()
    {
        HostTools.Require("fincore", "util-linux-extra");
        string script = Path.Combine(RepoPaths.Root, "samples", "sharing-demo.sh");
        string dll = Path.Combine(AppContext.BaseDirectory, "erofs.dll");

        var result = ProcessRunner.Run("bash", [script, "dotnet", dll], TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"demo failed ({result.ExitCode}):\n{result.StdOut}\n{result.StdErr}");
        var saved = SavedLine().Match(result.StdOut);
        Assert.True(saved.Success, $"no 'Sharing saved' line in:\n{result.StdOut}");
        // Two images, same 38 MiB of content: the kernel caches it twice (plus the image files), we once.
        int percent = int.Parse(saved.Groups["percent"].Value, CultureInfo.InvariantCulture);
        Assert.True(percent >= 45, $"sharing saved only {percent}%:\n{result.StdOut}");
        Assert.Equal("6", saved.Groups["objects"].Value);
        Assert.Empty(Directory.GetDirectories("/tmp", "erofs-demo-*"));
    }

    [GeneratedRegex(@"Sharing saved [0-9.]+ MiB \((?<percent>[0-9]+)%\): (?<objects>[0-9]+) objects")]
    private static partial Regex SavedLine();
}
