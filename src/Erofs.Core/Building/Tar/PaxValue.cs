namespace Erofs.Building.Tar;

/// <summary>The value of one PAX record with typed readers that fail naming the keyword and offset.</summary>
internal readonly struct PaxValue(PaxRecord record, long offset, TarErrors errors)
{
    /// <summary>The raw value.</summary>
    public byte[] Bytes => record.Value;

    /// <summary>Whether the value is empty (which deletes an override).</summary>
    public bool IsEmpty => record.Value.Length == 0;

    /// <summary>A user, group or device number.</summary>
    public uint AsId()
    {
        if (!TarNumbers.TryParseDecimal(record.Value, out long value) || value > uint.MaxValue)
            throw Invalid("is not a number from 0 to 4294967295");
        return (uint)value;
    }

    /// <summary>A non-negative size or offset.</summary>
    public long AsSize()
    {
        if (!TarNumbers.TryParseDecimal(record.Value, out long value))
            throw Invalid("is not a non-negative decimal number");
        return value;
    }

    /// <summary>A time with an optional fraction of a second.</summary>
    public (long Seconds, uint Nanoseconds) AsTime()
    {
        if (!TarNumbers.TryParseTime(record.Value, out long seconds, out uint nanoseconds))
            throw Invalid("is not a time ([-]seconds[.fraction])");
        return (seconds, nanoseconds);
    }

    /// <summary>Base64 text, padding optional (libarchive leaves it out).</summary>
    public byte[] AsBase64()
    {
        var text = System.Text.Encoding.ASCII.GetString(record.Value).TrimEnd('=');
        if (text.Length % 4 == 1)
            throw Invalid("is not base64");
        text = text.PadRight((text.Length + 3) / 4 * 4, '=');
        var bytes = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, bytes, out int written))
            throw Invalid("is not base64");
        return bytes[..written];
    }

    /// <summary>Checks an xattr name taken from the keyword.</summary>
    public string XattrName(string name) =>
        name.Length == 0 || name.Contains('\0') ? throw Invalid("names an empty or invalid xattr") : name;

    /// <summary>An error about this record.</summary>
    public InvalidSourceException Invalid(string why) => errors.At(offset, $"PAX record '{record.Key}' {why}");
}
