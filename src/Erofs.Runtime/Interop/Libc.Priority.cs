using System.Runtime.InteropServices;

namespace Erofs.Runtime.Interop;

internal static partial class Libc
{
    /// <summary>PRIO_PROCESS: with a thread id, Linux applies the nice value to that thread only.</summary>
    internal const int PrioProcess = 0;

    /// <summary><c>int setpriority(int which, id_t who, int prio)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    internal static partial int Setpriority(int which, uint who, int priority);

    /// <summary><c>pid_t gettid(void)</c> (glibc 2.30).</summary>
    [LibraryImport("libc", EntryPoint = "gettid")]
    internal static partial int Gettid();
}
