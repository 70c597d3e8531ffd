using System.Diagnostics;
using Erofs.Interop;

namespace Erofs.Tests.Interop;

/// <summary>A fact that is skipped unless the tests run as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!NativeFile.IsRoot)
            Skip = "needs root";
    }
}

/// <summary>A fresh temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("erofs-interop-").FullName;

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Creates a small regular file in the directory and returns its path.</summary>
    public string NewFile(string name)
    {
        var path = this[name];
        File.WriteAllText(path, "x");
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class Tool
{
    /// <summary>Runs a program and returns its trimmed standard output; fails on a non-zero exit.</summary>
    public static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output.Trim();
    }

    /// <summary>coreutils stat of the path itself (symlinks are not followed).</summary>
    public static string Stat(string format, string path) => Run("stat", "-c", format, path);
}
