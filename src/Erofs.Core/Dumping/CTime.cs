using System.Globalization;

namespace Erofs.Dumping;

/// <summary>
/// Times rendered as glibc's <c>localtime</c> + <c>ctime</c> / <c>strftime</c> do, for output that
/// must match dump.erofs. The calendar is computed here for any 64-bit time (glibc accepts years far
/// beyond .NET's 1..9999 and prints them unpadded); the zone offset comes from
/// <see cref="TimeZoneInfo"/>, clamped to .NET's range for times outside it.
/// </summary>
public static class CTime
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private const long SecondsPerDay = 86400;
    private const long MinDotNetSeconds = -62135596800;
    private const long MaxDotNetSeconds = 253402300799;

    /// <summary>A broken-down local time (struct tm), year as the full year.</summary>
    private readonly record struct LocalTime(long Year, int Month, int Day, int Hour, int Minute, int Second, int WeekDay);

    /// <summary>
    /// <c>ctime(&amp;seconds)</c>: "Tue Nov 14 22:13:20 2023\n", or null where glibc returns NULL
    /// (the year does not fit its <c>int</c> fields); printf then shows "(null)" without a newline.
    /// </summary>
    public static string? Ctime(long seconds, TimeZoneInfo zone)
    {
        if (Local(seconds, zone) is not { } t || t.Year - 1900 > int.MaxValue - 1900)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{DayNames[t.WeekDay]} {MonthNames[t.Month - 1]}{t.Day,3} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2} {t.Year}\n");
    }

    /// <summary>
    /// <c>strftime("%Y-%m-%d %H:%M:%S", localtime(&amp;seconds))</c>, or the seconds as a number
    /// when localtime fails, as dump.erofs prints an inode's time. %Y is the year unpadded, computed
    /// in a C int (it wraps for years past 2^31 - 1).
    /// </summary>
    public static string Timestamp(long seconds, TimeZoneInfo zone)
    {
        if (Local(seconds, zone) is not { } t)
            return seconds.ToString(CultureInfo.InvariantCulture);
        int year = unchecked((int)(t.Year - 1900) + 1900);
        return string.Create(CultureInfo.InvariantCulture, $"{year}-{t.Month:D2}-{t.Day:D2} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}");
    }

    // localtime(): null when the year minus 1900 does not fit a C int, as glibc's __offtime reports EOVERFLOW.
    private static LocalTime? Local(long seconds, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        long clamped = Math.Clamp(seconds, MinDotNetSeconds, MaxDotNetSeconds);
        long offset = (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(clamped)).TotalSeconds;
        if (offset > 0 ? seconds > long.MaxValue - offset : seconds < long.MinValue - offset)
            return null;
        long local = seconds + offset;
        long days = Math.DivRem(local, SecondsPerDay, out long second);
        if (second < 0)
        {
            second += SecondsPerDay;
            days--;
        }
        var (year, month, day) = CivilFromDays(days);
        if (year - 1900 is < int.MinValue or > int.MaxValue)
            return null;
        // 1970-01-01 was a Thursday.
        int weekDay = (int)(((days % 7) + 11) % 7);
        return new LocalTime(year, month, day, (int)(second / 3600), (int)(second / 60 % 60), (int)(second % 60), weekDay);
    }

    // Days since 1970-01-01 to a proleptic Gregorian date, by 400-year eras (exact for any 64-bit day count used here).
    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }
}
