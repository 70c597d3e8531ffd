using System.Runtime.InteropServices;

namespace Erofs.Fuse.Interop;

/// <summary>Turns the errno of the last failed libc call into an exception with one clear line.</summary>
internal static class LastError
{
    /// <summary>The errno of the last P/Invoke call made with SetLastError.</summary>
    internal static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>An IOException naming the call, what it acted on and the errno text.</summary>
    internal static IOException Exception(string call, string subject, int errno) =>
        new($"{call} {subject}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
}
