namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>Finds programs the tests run, failing with a hint to run test.sh when one is missing.</summary>
public static class HostTools
{
    private static readonly string[] ExtraDirs = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Full path of <paramref name="name"/> from PATH (plus the usual sbin dirs), or null.</summary>
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirs);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)
                && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Full path of <paramref name="name"/>; throws naming the Debian package and test.sh when missing.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' is not installed (Debian package '{debianPackage}'). Run ./test.sh from the repository root: it installs what the tests need.");
}
