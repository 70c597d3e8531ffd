using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>sizeof(regex_t) is 64 on 64-bit glibc; twice that leaves room for any libc.</summary>
    internal const int RegexTSize = 128;

    /// <summary>REG_EXTENDED: POSIX extended syntax.</summary>
    internal const int RegExtended = 1;

    /// <summary>REG_NOSUB: report only match or no match.</summary>
    internal const int RegNoSub = 8;

    /// <summary>REG_STARTEND (glibc, BSD): match the range in pmatch[0], so no NUL is needed.</summary>
    internal const int RegStartEnd = 4;

    /// <summary>REG_NOMATCH: regexec found no match.</summary>
    internal const int RegNoMatch = 1;

    /// <summary><c>regmatch_t</c>: glibc's regoff_t is a 32-bit int.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RegMatch
    {
        /// <summary>rm_so: start offset.</summary>
        public int Start;
        /// <summary>rm_eo: end offset (exclusive).</summary>
        public int End;
    }

    /// <summary><c>int regcomp(regex_t *preg, const char *regex, int cflags)</c>; 0 or an error code.</summary>
    [LibraryImport("libc", EntryPoint = "regcomp", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Regcomp(void* preg, string pattern, int flags);

    /// <summary>
    /// <c>int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t *pmatch, int eflags)</c>:
    /// 0 on a match, REG_NOMATCH, or an error code. glibc locks the compiled pattern, so
    /// threads may share it.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "regexec")]
    internal static unsafe partial int Regexec(void* preg, byte* text, nuint matchCount, RegMatch* matches, int flags);

    /// <summary><c>size_t regerror(int errcode, const regex_t *preg, char *buf, size_t size)</c>: the error text.</summary>
    [LibraryImport("libc", EntryPoint = "regerror")]
    internal static unsafe partial nuint Regerror(int error, void* preg, byte* buffer, nuint size);

    /// <summary><c>void regfree(regex_t *preg)</c>: frees what regcomp allocated (not the regex_t itself).</summary>
    [LibraryImport("libc", EntryPoint = "regfree")]
    internal static unsafe partial void Regfree(void* preg);
}
