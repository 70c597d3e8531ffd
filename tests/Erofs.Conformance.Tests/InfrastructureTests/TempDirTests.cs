using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class TempDirTests
{
    [Fact]
    public void IsUnderTmpAndRemovedWithReadOnlyContent()
    {
        string path;
        using (var dir = TempDir.Create("selftest"))
        {
            path = dir.Path;
            Assert.StartsWith("/tmp/" + TempDir.Prefix + "selftest-", path, StringComparison.Ordinal);
            var sub = dir.CreateSubdirectory("ro");
            File.WriteAllText(Path.Combine(sub, "file"), "x");
            File.SetUnixFileMode(Path.Combine(sub, "file"), 0);
            File.SetUnixFileMode(sub, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(dir.Combine("link-out"), "/etc");
        }

        Assert.False(Directory.Exists(path));
        Assert.True(Directory.Exists("/etc"));
    }

    [Fact]
    public void TwoDirectoriesDiffer()
    {
        using var a = TempDir.Create();
        using var b = TempDir.Create();
        Assert.NotEqual(a.Path, b.Path);
    }
}
