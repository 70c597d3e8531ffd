using SharpFuzz;

namespace Erofs.Fuzz;

/// <summary>
/// <c>Erofs.Fuzz TARGET</c>: the AFL++ fork server (or one input from standard input outside afl-fuzz).
/// <c>Erofs.Fuzz TARGET FILE...</c>: replays files, reporting each; exit 1 when any one crashes
/// (only with the libraries as built: instrumented ones work under <see cref="Fuzzer.OutOfProcess"/> only).
/// <c>Erofs.Fuzz make-fuse-seeds IMAGE DIR</c>: writes request sequences for fuse-request.
/// </summary>
internal static class Program
{
    /// <summary>AFL++ 4.04c gives a test case at most 1 MB; longer standard input is cut there too.</summary>
    private const int MaxInput = 1 << 20;

    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "make-fuse-seeds")
            return FuseSeedWriter.Write(args[1], args[2]);
        if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
        {
            Console.Error.WriteLine($"usage: Erofs.Fuzz {string.Join('|', FuzzTargets.Names)} [FILE...]");
            return 2;
        }
        string name = args[0];
        if (args.Length > 1)
            return Replay(FuzzTargets.Create(name)!, args[1..]);
        // Instrumented code may run only inside Run, once SharpFuzz has mapped the coverage
        // memory, so the target (whose constructor may touch the libraries) is made there.
        IFuzzTarget? target = null;
        Fuzzer.OutOfProcess.Run(stream => (target ??= FuzzTargets.Create(name)!).Run(ReadInput(stream)));
        return 0;
    }

    private static int Replay(IFuzzTarget target, string[] files)
    {
        int crashes = 0;
        foreach (string file in files)
        {
            var started = DateTime.UtcNow;
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {(DateTime.UtcNow - started).TotalMilliseconds,8:F0} ms  {file}");
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"CRASH {(DateTime.UtcNow - started).TotalMilliseconds,8:F0} ms  {file}\n{e}");
            }
        }
        return crashes == 0 ? 0 : 1;
    }

    private static byte[] ReadInput(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 << 10];
        int n;
        while (buffer.Length < MaxInput && (n = stream.Read(chunk)) > 0)
            buffer.Write(chunk, 0, (int)Math.Min(n, MaxInput - buffer.Length));
        return buffer.ToArray();
    }
}
