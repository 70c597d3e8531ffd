using System.Diagnostics;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// The attacker: the user <c>nobody</c> (uid and gid 65534, no capabilities). Scripts run as it through
/// <c>setpriv --reuid=65534 --regid=65534 --clear-groups sh -c SCRIPT sh ARGS…</c> from <c>/</c>;
/// <see cref="Own"/> simulates, as root, something nobody made.
/// </summary>
internal static class Nobody
{
    public const uint Uid = 65534;

    /// <summary>Runs <paramref name="script"/> as nobody to its end (hang guard: <see cref="Patience.Wait"/>).</summary>
    public static ProcessResult Run(string script, params string[] args) =>
        ProcessRunner.Run("setpriv", Arguments(script, args), Patience.Wait, "/");

    /// <summary>Starts <paramref name="script"/> as nobody with standard output and error redirected; the caller ends it.</summary>
    public static Process Start(string script, params string[] args)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (string arg in Arguments(script, args))
            start.ArgumentList.Add(arg);
        start.Environment["LC_ALL"] = "C";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start setpriv");
    }

    /// <summary>Gives <paramref name="path"/> (not following a symlink) to nobody, as if nobody had made it.</summary>
    public static void Own(string path) => LibC.LChown(path, Uid, Uid);

    private static string[] Arguments(string script, string[] args) =>
        ["--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", script, "sh", .. args];
}
