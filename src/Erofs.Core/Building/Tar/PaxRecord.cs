namespace Erofs.Building.Tar;

/// <summary>One "LEN KEY=VALUE\n" record of a PAX extended header; the value is raw bytes.</summary>
/// <param name="Key">The keyword.</param>
/// <param name="Value">The value bytes, exactly as stored (may hold NUL and newline).</param>
internal readonly record struct PaxRecord(string Key, byte[] Value);
