using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>The NativeAOT `erofs` that test.sh publishes into artifacts/aot before the tests run.</summary>
internal static class AotBinary
{
    public static string Path
    {
        get
        {
            string path = System.IO.Path.Combine(RepoPaths.Root, "artifacts", "aot", "erofs");
            return File.Exists(path) ? path : throw new FileNotFoundException($"no NativeAOT binary at {path}: run ./test.sh, which publishes it first");
        }
    }
}

/// <summary>
/// A directory holding mkfs.erofs, fsck.erofs, dump.erofs and erofsfuse, made by the AOT binary's
/// `erofs install-links`, shared by a test class and removed afterwards.
/// </summary>
public sealed class DropInLinks : IDisposable
{
    private readonly TempDir _dir = TempDir.Create("dropin");

    public DropInLinks()
    {
        Directory = _dir.CreateSubdirectory("bin");
        InstallResult = ProcessRunner.Run(AotBinary.Path, "install-links", Directory);
    }

    /// <summary>Where the links are.</summary>
    public string Directory { get; }

    /// <summary>What `erofs install-links` answered.</summary>
    public ProcessResult InstallResult { get; }

    /// <summary>A scratch directory beside the links.</summary>
    public TempDir Scratch => _dir;

    /// <summary>The link named <paramref name="tool"/>.</summary>
    public string Tool(string tool) => System.IO.Path.Combine(Directory, tool);

    /// <summary>Runs the tool by its link, as a script would.</summary>
    public ProcessResult Run(string tool, params string[] args) => ProcessRunner.Run(Tool(tool), args, TimeSpan.FromMinutes(3));

    public void Dispose() => _dir.Dispose();
}
