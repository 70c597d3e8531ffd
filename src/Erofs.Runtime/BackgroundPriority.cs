using Erofs.Runtime.Interop;

namespace Erofs.Runtime;

/// <summary>
/// Lowers the calling thread's scheduling priority (a higher nice value; Linux keeps one per thread), for
/// daemon threads whose work can wait a little and that nobody waits for long: the threads that answer
/// the kernel, and the reader waiting for them, then run first when cores are short, and the background
/// work takes what is left.
/// </summary>
internal static class BackgroundPriority
{
    /// <summary>The nice value given: CFS weighs it about 1/10 of a normal thread.</summary>
    public const int Nice = 10;

    /// <summary>Applies <see cref="Nice"/> to the calling thread; failure (e.g. a seccomp filter) leaves it as it was.</summary>
    public static void LowerCurrentThread() => _ = Libc.Setpriority(Libc.PrioProcess, (uint)Libc.Gettid(), Nice);
}
