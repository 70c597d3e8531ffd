using System.Globalization;
using System.Text;

namespace Erofs.Dumping;

/// <summary>
/// Writes dump reports exactly as dump.erofs (erofs-utils 1.9.3) prints them: its labels, order,
/// spacing, tabs and trailing spaces, so scripts that grep or awk that output work unchanged.
/// Writes bytes, not text: names and paths go out as stored, as C prints them. Times are shown
/// in <see cref="TimeZone"/> (the local zone by default, as ctime/localtime do). Sections follow
/// each other with no separator, as in dump.erofs.
/// </summary>
public sealed partial class ErofsUtilsTextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _output;

    /// <summary>Creates a writer to <paramref name="output"/>; <paramref name="zone"/> defaults to <see cref="TimeZoneInfo.Local"/>.</summary>
    public ErofsUtilsTextWriter(Stream output, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        TimeZone = zone ?? TimeZoneInfo.Local;
    }

    /// <summary>The zone times are shown in.</summary>
    public TimeZoneInfo TimeZone { get; }

    private void Write(string text) => _output.Write(Utf8.GetBytes(text));

    private void Write(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    private void Line(string text) => Write(text + "\n");

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
