using Erofs.Storage;

namespace Erofs.Reading;

/// <summary>How strictly to judge an image while reading it.</summary>
public enum ErofsConformance
{
    /// <summary>Check what reading needs; tolerate harmless oddities (a daemon serving an image).</summary>
    Lax,
    /// <summary>Also reject anything the kernel or fsck.erofs would call corrupted (fsck).</summary>
    Strict,
}

/// <summary>Options for <see cref="ErofsImage.Open(string, ReadOptions?)"/>.</summary>
public sealed record ReadOptions
{
    /// <summary>Extra devices in table order (device 1 first), as paths (<c>--device</c>).</summary>
    public IReadOnlyList<string> DevicePaths { get; init; } = [];

    /// <summary>Extra devices in table order as open sources; used instead of <see cref="DevicePaths"/> when non-empty. The image takes ownership.</summary>
    public IReadOnlyList<IBlockSource> Devices { get; init; } = [];

    /// <summary>Strictness; <see cref="ErofsConformance.Strict"/> by default.</summary>
    public ErofsConformance Conformance { get; init; } = ErofsConformance.Strict;

    /// <summary>Verify the superblock CRC-32C when the image says it carries one.</summary>
    public bool VerifySuperblockChecksum { get; init; } = true;

    /// <summary>Bytes of decompressed pclusters kept for reuse, so sequential reads decompress each once.</summary>
    public long DecompressedCacheBytes { get; init; } = 32 << 20;

    /// <summary>Safety limits for untrusted images.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
}
