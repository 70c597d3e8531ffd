using System.IO.MemoryMappedFiles;
using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Programs run from our mount: an image holding /bin/sh and the shared libraries `ldd` lists
/// (built by Debian's mkfs.erofs 1.5), mounted by `erofs mount`; chroot into it and run the shell.
/// The loader maps the libraries with PROT_EXEC, so exec and mmap both go through the mount.
/// </summary>
public sealed partial class ExecFromMountTests
{
    [Fact]
    public void ShellRunsInAChrootOfTheMount()
    {
        ErofsUtils.Require();
        using var dir = TempDir.Create("exec");
        string tree = dir.CreateSubdirectory("tree");
        CopyShellWithLibraries(tree);
        string image = dir.Combine("shell.erofs");
        ErofsUtils.Mkfs(image, tree, "--quiet");

        using var mount = DaemonMount.Start(image, []);
        var quiet = ProcessRunner.Run("chroot", [mount.MountPoint, "/bin/sh", "-c", "true"], TimeSpan.FromSeconds(60));
        var echo = ProcessRunner.Run("chroot", [mount.MountPoint, "/bin/sh", "-c", "echo exec-ok; exit 7"], TimeSpan.FromSeconds(60));

        Assert.True(quiet.Succeeded, $"{quiet.CommandLine}: {quiet.ExitCode} {quiet.StdErr}");
        Assert.Equal(7, echo.ExitCode);
        Assert.Equal("exec-ok\n", echo.StdOut);
    }

    [Fact]
    public void MemoryMappedReadsSeeTheFileBytes()
    {
        var corpus = CorpusImages.Get("lz4");
        using var mount = DaemonMount.Start(corpus);
        var file = corpus.LoadManifest().Entries.Where(e => e.Type == FileType.Regular && e.Size > 8192).OrderBy(e => e.Path, StringComparer.Ordinal).First();
        string path = mount.Resolve(file.Path);

        using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewStream(0, 0, MemoryMappedFileAccess.Read);
        var bytes = new byte[file.Size!.Value];
        view.ReadExactly(bytes);

        Assert.Equal(file.Sha256, TreeSnapshot.Hash(bytes));
    }

    // /bin/sh (resolved) and every library `ldd /bin/sh` names, at the paths the loader looks for.
    private static void CopyShellWithLibraries(string tree)
    {
        var ldd = ProcessRunner.RunChecked("ldd", "/bin/sh");
        var paths = LibraryPath().Matches(ldd.StdOut).Select(m => m.Groups["path"].Value).ToList();
        Assert.NotEmpty(paths);
        foreach (string path in paths.Append("/bin/sh"))
        {
            string target = Path.Combine(tree, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string source = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            File.Copy(source, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }
    }

    [GeneratedRegex(@"(?<path>/\S+) \(0x[0-9a-f]+\)")]
    private static partial Regex LibraryPath();
}
