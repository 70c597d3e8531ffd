using System.Buffers;
using System.Text;
using Erofs.Interop;

namespace Erofs.Building;

/// <summary>
/// A POSIX extended regular expression compiled by the C library's <c>regcomp</c> with
/// REG_EXTENDED | REG_NOSUB — the dialect of mkfs.erofs's <c>--exclude-regex</c> and
/// <c>--compress-hints</c>, so patterns behave exactly as they do there. Matching is a search
/// (unanchored unless the pattern uses <c>^</c> or <c>$</c>) and is safe from many threads.
/// Input is matched as bytes: .NET never calls setlocale, so the C library stays in the "C"
/// locale, where <c>.</c> is one byte and any byte value (not only valid UTF-8) can match.
/// </summary>
public sealed class PosixRegex : IDisposable
{
    private const int StackLimit = 1024;
    private readonly PosixRegexHandle _handle;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid extended regular expression
    /// (the message carries the C library's explanation) or contains a NUL character.</exception>
    public PosixRegex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Contains('\0'))
            throw new ArgumentException($"Invalid regular expression '{pattern}': it contains a NUL character", nameof(pattern));
        _handle = PosixRegexHandle.Compile(pattern, Libc.RegExtended | Libc.RegNoSub, out var error)
            ?? throw new ArgumentException($"Invalid regular expression '{pattern}': {error}", nameof(pattern));
        Pattern = pattern;
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>Whether the pattern matches somewhere in <paramref name="input"/> (encoded as UTF-8).</summary>
    public bool IsMatch(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int length = Encoding.UTF8.GetByteCount(input);
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[StackLimit];
            int written = Encoding.UTF8.GetBytes(input, bytes);
            return IsMatch(bytes[..written]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Whether the pattern matches somewhere in the raw bytes <paramref name="input"/> (a path
    /// that need not be valid UTF-8). A NUL byte is matched like any other byte.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The regex was disposed.</exception>
    /// <exception cref="InvalidOperationException">The C library failed (e.g. out of memory).</exception>
    public unsafe bool IsMatch(ReadOnlySpan<byte> input)
    {
        bool added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            byte empty = 0;
            // REG_STARTEND takes the range from pmatch[0], so the span needs no NUL terminator.
            var range = new Libc.RegMatch { Start = 0, End = input.Length };
            int code;
            fixed (byte* text = input)
                code = Libc.Regexec((void*)_handle.DangerousGetHandle(), text == null ? &empty : text, 0, &range, Libc.RegStartEnd);
            if (code == 0)
                return true;
            if (code == Libc.RegNoMatch)
                return false;
            throw new InvalidOperationException(
                $"Matching regular expression '{Pattern}' failed: {PosixRegexHandle.ErrorText(code, (void*)_handle.DangerousGetHandle())}");
        }
        finally
        {
            if (added)
                _handle.DangerousRelease();
        }
    }

    /// <summary>Frees the compiled pattern; matching afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Pattern;
}
