using System.Globalization;
using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>The README's main command: the sharing demo must run end to end and show the saving it claims, for both backends.</summary>
public sealed partial class SharingDemoTests
{
    [Fact]
    public void Demo_shows_both_images_read_through_one_copy_with_each_backend()
    {
        HostTools.Require("fincore", "util-linux-extra");
        string script = Path.Combine(RepoPaths.Root, "samples", "sharing-demo.sh");
        string dll = Path.Combine(AppContext.BaseDirectory, "erofs.dll");

        var result = ProcessRunner.Run("bash", [script, "dotnet", dll], TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"demo failed ({result.ExitCode}):\n{result.StdOut}\n{result.StdErr}");
        var saved = SavedLine().Matches(result.StdOut).ToDictionary(m => m.Groups["backend"].Value);
        Assert.True(saved.Keys.Order().SequenceEqual(["FUSE", "overlay"]), $"expected one 'Sharing saved' line per backend in:\n{result.StdOut}");
        foreach (var (backend, line) in saved)
        {
            // Two images, same 38 MiB of content: the kernel caches it twice (plus the image files), each backend once.
            int percent = int.Parse(line.Groups["percent"].Value, CultureInfo.InvariantCulture);
            Assert.True(percent >= 45, $"sharing saved only {percent}% with the {backend} backend:\n{result.StdOut}");
            // 3 shared big files, 1,500 shared manual pages, 2 versions of app.conf, NEWS.
            Assert.Equal("1506", line.Groups["objects"].Value);
        }
        Assert.Matches(WalkRows(), result.StdOut);
        Assert.Empty(Directory.GetDirectories("/tmp", "erofs-demo-*"));
    }

    [GeneratedRegex(@"Sharing saved [0-9.]+ MiB \((?<percent>[0-9]+)%\) with the (?<backend>\w+) backend: (?<objects>[0-9]+) objects")]
    private static partial Regex SavedLine();

    [GeneratedRegex(@"kernel EROFS mounts.* [0-9]+ ms\n.*backend=overlay.* [0-9]+ ms\n.*backend=fuse.* [0-9]+ ms\n")]
    private static partial Regex WalkRows();
}
