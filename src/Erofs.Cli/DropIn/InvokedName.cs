namespace Erofs.Cli.DropIn;

/// <summary>
/// The name this process was started under: the last part of argv[0], which a symlink or hard link keeps
/// (the executable path does not: it resolves links). Under <c>dotnet erofs.dll</c> it is "dotnet".
/// </summary>
internal static class InvokedName
{
    public static string Get()
    {
        // /proc/self/cmdline holds argv verbatim, NUL-separated; argv[0] is what the caller typed.
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            string argv0 = System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
            if (argv0.Length > 0)
                return Path.GetFileName(argv0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No procfs (a minimal container): the runtime's own copy of argv[0] is the next best.
        }
        string[] args = Environment.GetCommandLineArgs();
        return args.Length > 0 ? Path.GetFileName(args[0]) : "erofs";
    }
}
