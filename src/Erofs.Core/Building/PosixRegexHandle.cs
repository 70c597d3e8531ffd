using System.Runtime.InteropServices;
using System.Text;
using Erofs.Interop;

namespace Erofs.Building;

/// <summary>
/// Owns a native <c>regex_t</c> compiled by glibc: <see cref="ReleaseHandle"/> calls regfree and
/// frees the struct, even if the owner forgets to dispose.
/// </summary>
internal sealed unsafe class PosixRegexHandle : SafeHandle
{
    private PosixRegexHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    /// <summary>Compiles <paramref name="pattern"/>; on failure returns null and the regerror text.</summary>
    internal static PosixRegexHandle? Compile(string pattern, int flags, out string? error)
    {
        void* preg = NativeMemory.AllocZeroed(Libc.RegexTSize);
        int code = Libc.Regcomp(preg, pattern, flags);
        if (code != 0)
        {
            // glibc has already freed the partial pattern; only the struct is ours to free.
            error = ErrorText(code, preg);
            NativeMemory.Free(preg);
            return null;
        }
        error = null;
        var result = new PosixRegexHandle();
        result.SetHandle((nint)preg);
        return result;
    }

    /// <summary>The text regerror gives for <paramref name="code"/>.</summary>
    internal static string ErrorText(int code, void* preg)
    {
        const int Capacity = 256;
        byte* buffer = stackalloc byte[Capacity];
        nuint needed = Libc.Regerror(code, preg, buffer, Capacity);
        int length = (int)Math.Min(needed, Capacity) - 1; // needed counts the NUL
        return length > 0 ? Encoding.UTF8.GetString(buffer, length) : $"error {code}";
    }

    protected override bool ReleaseHandle()
    {
        Libc.Regfree((void*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
