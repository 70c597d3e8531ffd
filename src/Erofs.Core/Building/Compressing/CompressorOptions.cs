namespace Erofs.Building.Compressing;

/// <summary>One <c>-z</c> entry: an mkfs algorithm name and its optional level and dictionary size.</summary>
/// <param name="Algorithm">"lz4", "lz4hc", "lzma", "deflate" (or "libdeflate") or "zstd".</param>
/// <param name="Level">The level, or null for mkfs.erofs's default.</param>
/// <param name="DictionarySize">LZMA dictionary or Zstd window in bytes, or null for the default.</param>
public sealed record CompressorOptions(string Algorithm, int? Level = null, uint? DictionarySize = null);
