using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// Programs run from an overlay-backend mount: an image of /bin/sh, /bin/id and the libraries <c>ldd</c>
/// lists for them (their bytes come from the store's objects, so exec and the loader's PROT_EXEC maps go
/// through overlayfs to the objects), mounted with <c>backend=overlay</c>; a chroot into it runs the shell,
/// and a setuid-root <c>id</c> run by nobody gets effective uid 0, so the mount is not nosuid.
/// </summary>
public sealed partial class OverlayBackendExecTests
{
    [Fact]
    public void AShellRunsInAChrootOfTheMountAndASetuidProgramGetsItsOwner()
    {
        KernelMount.RequireSupport();
        using var dir = TempDir.Create("ovl-exec");
        string tree = dir.CreateSubdirectory("tree");
        CopyWithLibraries(tree, "/bin/sh", "/bin/sh");
        CopyWithLibraries(tree, HostTools.Find("id") ?? throw new InvalidOperationException("no 'id' program on this machine"), "/bin/id");
        File.SetUnixFileMode(Path.Combine(tree, "bin/id"), (UnixFileMode)0x9ED); // 04755, root's
        string image = dir.Combine("exec.erofs");
        ErofsCli.Run("mkfs", "--xattr-inode-digest", image, tree).EnsureSuccess();
        TempDir.DeleteTree(tree);

        using var mount = BackendMount.Overlay(image, OverlayStore.Options(dir.Combine("store"), "d"));
        var quiet = ProcessRunner.Run("chroot", [mount.MountPoint, "/bin/sh", "-c", "true"], Patience.Wait);
        var echo = ProcessRunner.Run("chroot", [mount.MountPoint, "/bin/sh", "-c", "echo exec-ok; exit 7"], Patience.Wait);
        var setuid = ProcessRunner.Run("chroot", ["--userspec=65534:65534", mount.MountPoint, "/bin/id", "-u"], Patience.Wait);
        var real = ProcessRunner.Run("chroot", ["--userspec=65534:65534", mount.MountPoint, "/bin/id", "-ru"], Patience.Wait);

        Assert.True(quiet.Succeeded, $"{quiet.CommandLine}: {quiet.ExitCode} {quiet.StdErr}");
        Assert.Equal((7, "exec-ok\n"), (echo.ExitCode, echo.StdOut));
        var mode = LibC.LStat(mount.Resolve("/bin/id"));
        Assert.Equal(("4755", 0u), (StoreInspection.Octal(mode.Mode), mode.Uid));
        Assert.DoesNotContain("nosuid", mount.Info!.Options.Split(','));
        Assert.True(real.Succeeded && setuid.Succeeded, $"{real.CommandLine}: {real.ExitCode} {real.StdErr}; {setuid.CommandLine}: {setuid.ExitCode} {setuid.StdErr}");
        Assert.Equal("65534\n", real.StdOut);
        Assert.Equal("0\n", setuid.StdOut);
    }

    // The program at treePath and every library `ldd` names for it, at the paths the loader looks for.
    private static void CopyWithLibraries(string tree, string program, string treePath)
    {
        var ldd = ProcessRunner.RunChecked("ldd", program);
        var libraries = LibraryPath().Matches(ldd.StdOut).Select(m => m.Groups["path"].Value).ToList();
        Assert.NotEmpty(libraries);
        foreach (var (source, target) in libraries.Select(l => (l, l)).Append((program, treePath)))
        {
            string copy = Path.Combine(tree, target.TrimStart('/'));
            if (File.Exists(copy))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            string real = new FileInfo(source).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? source;
            File.Copy(real, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(real));
        }
    }

    [GeneratedRegex(@"(?<path>/\S+) \(0x[0-9a-f]+\)")]
    private static partial Regex LibraryPath();
}
