namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// Debian 12's erofs-utils (version 1.5): <c>mkfs.erofs</c>, <c>fsck.erofs</c> and <c>dump.erofs</c>.
/// Version 1.5 knows lz4 and lz4hc only, has no --tar, no -E48bit, no metabox and no fragments.
/// </summary>
public static class ErofsUtils
{
    /// <summary>The Debian package that provides the tools.</summary>
    public const string DebianPackage = "erofs-utils";

    /// <summary>Path of mkfs.erofs, or null if not installed.</summary>
    public static string? MkfsPath => HostTools.Find("mkfs.erofs");

    /// <summary>Path of fsck.erofs, or null if not installed.</summary>
    public static string? FsckPath => HostTools.Find("fsck.erofs");

    /// <summary>Path of dump.erofs, or null if not installed.</summary>
    public static string? DumpPath => HostTools.Find("dump.erofs");

    /// <summary>Whether all three tools are installed.</summary>
    public static bool IsInstalled => MkfsPath != null && FsckPath != null && DumpPath != null;

    /// <summary>Throws (failing the test) unless all three tools are installed, telling to run test.sh.</summary>
    public static void Require()
    {
        HostTools.Require("mkfs.erofs", DebianPackage);
        HostTools.Require("fsck.erofs", DebianPackage);
        HostTools.Require("dump.erofs", DebianPackage);
    }

    /// <summary>The version of the tools, from <c>fsck.erofs -V</c> (<c>fsck.erofs 1.5</c> gives <c>1.5</c>).</summary>
    public static string Version()
    {
        // mkfs.erofs 1.5 has no -V; the three tools come from one package.
        var result = ProcessRunner.Run(HostTools.Require("fsck.erofs", DebianPackage), ["-V"], ProcessRunner.DefaultTimeout);
        foreach (var line in (result.StdOut + "\n" + result.StdErr).Split('\n'))
        {
            if (line.StartsWith("fsck.erofs ", StringComparison.Ordinal))
            {
                return line["fsck.erofs ".Length..].Trim();
            }
        }

        throw new InvalidOperationException($"fsck.erofs -V printed no version:\n{result.StdOut}{result.StdErr}");
    }

    /// <summary>
    /// Runs <c>mkfs.erofs [options] IMAGE SOURCE</c> and throws with its output unless it succeeds.
    /// </summary>
    public static ProcessResult Mkfs(string image, string sourceDir, params string[] options) =>
        ProcessRunner.RunChecked(HostTools.Require("mkfs.erofs", DebianPackage), [.. options, image, sourceDir], ProcessRunner.DefaultTimeout);

    /// <summary>Runs <c>fsck.erofs [options] IMAGE</c>; the caller checks the exit code.</summary>
    public static ProcessResult Fsck(string image, params string[] options) =>
        ProcessRunner.Run(HostTools.Require("fsck.erofs", DebianPackage), [.. options, image], ProcessRunner.DefaultTimeout);

    /// <summary>Runs <c>dump.erofs [options] IMAGE</c>; the caller checks the exit code.</summary>
    public static ProcessResult Dump(string image, params string[] options) =>
        ProcessRunner.Run(HostTools.Require("dump.erofs", DebianPackage), [.. options, image], ProcessRunner.DefaultTimeout);
}
