namespace Erofs.Building.Compressing;

/// <summary>
/// One <c>--compress-hints</c> rule: files whose path (relative to the source root, no leading slash) matches
/// <paramref name="Pattern"/>, a POSIX extended regular expression, use pclusters of
/// <paramref name="PclusterSize"/> bytes (0 = store uncompressed) and compressor
/// <paramref name="CompressorIndex"/> of the <c>-z</c> list.
/// </summary>
/// <param name="PclusterSize">Pcluster size in bytes, or 0 to store matching files uncompressed.</param>
/// <param name="CompressorIndex">Index into <see cref="CompressionOptions.Compressors"/>.</param>
/// <param name="Pattern">The regular expression.</param>
/// <param name="Location">Where the rule comes from (e.g. "hints.txt:3"), for error messages.</param>
public sealed record CompressHint(int PclusterSize, int CompressorIndex, string Pattern, string Location);
