using System.Runtime.InteropServices;

namespace Erofs.Mounting.Interop;

/// <summary>Turns the errno of the last failed libc call into an exception with one clear line.</summary>
internal static class LastError
{
    /// <summary>The errno of the last P/Invoke call made with SetLastError.</summary>
    internal static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>The text and number of <paramref name="errno"/>, e.g. "Device or resource busy (errno 16)".</summary>
    internal static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>An IOException naming the call, what it acted on and the errno text; its HResult is the errno.</summary>
    internal static IOException Exception(string call, string subject, int errno) =>
        new($"{call} {subject}: {Describe(errno)}", errno);
}
