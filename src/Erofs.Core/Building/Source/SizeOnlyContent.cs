using System.Security.Cryptography;

namespace Erofs.Building.Source;

/// <summary>
/// A regular file that has a size but no bytes in the image: the file of a metadata image whose
/// content lives elsewhere (overlayfs finds it through <c>trusted.overlay.redirect</c>). The builder
/// writes it as a chunk-based inode whose chunks are all holes, so it has no data blocks and reads
/// as zeros (docs/decisions/0006-size-only-files.md). Nothing reads it: <see cref="Open"/> throws.
/// </summary>
public sealed class SizeOnlyContent : IFileContent
{
    private readonly byte[]? _sha256;

    /// <summary>Creates the content of a file of <paramref name="length"/> bytes.</summary>
    /// <param name="length">The file's size.</param>
    /// <param name="sha256">
    /// SHA-256 of the real content, when known: with <see cref="BuildOptions.FingerprintXattrName"/> it
    /// becomes the fingerprint xattr (<c>sha256:</c> + these 32 bytes). Without it the file gets no
    /// fingerprint, since there are no bytes to hash.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative.</exception>
    /// <exception cref="ArgumentException">The digest is given but is not 32 bytes.</exception>
    public SizeOnlyContent(long length, byte[]? sha256 = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (sha256 is not null && sha256.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException($"a SHA-256 digest has {SHA256.HashSizeInBytes} bytes, not {sha256.Length}", nameof(sha256));
        Length = length;
        _sha256 = sha256?.ToArray();
    }

    /// <inheritdoc/>
    public long Length { get; }

    /// <summary>The known SHA-256 of the real content (a copy), or null.</summary>
    public byte[]? Sha256 => _sha256?.ToArray();

    /// <summary>No data anywhere: the whole file is a hole.</summary>
    public IReadOnlyList<DataRange>? DataRanges => [];

    /// <summary>Always throws: there are no bytes to read.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public IContentReader Open() => throw new InvalidOperationException("a size-only file has no bytes to read");
}
