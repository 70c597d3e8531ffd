using System.Security.Cryptography;
using System.Text;
using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>Reads a whole file and, when asked, compares its SHA-256 with the stored fingerprint.</summary>
internal sealed class FileContentCheck(ErofsImage image, InodeInfo inode)
{
    private static ReadOnlySpan<byte> Sha256Tag => "sha256:"u8;

    /// <param name="verifyFingerprint">Hash the content and compare it with the stored fingerprint.</param>
    /// <param name="buffer">Scratch space reused across files (large buffers are costly to allocate per file).</param>
    public void Run(bool verifyFingerprint, byte[] buffer)
    {
        // Hashing costs more than reading: only hash when there is a fingerprint to compare.
        byte[]? stored = verifyFingerprint ? image.GetFingerprint(inode) : null;
        using var hash = stored is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Holes read as zeros: skip them unless they must be hashed.
        ContentChunks.Read(image, inode, buffer, includeHoles: hash is not null, (_, bytes) => hash?.AppendData(bytes));
        if (stored is null || hash is null)
            return;
        if (stored.Length != Sha256Tag.Length + 32 || !stored.AsSpan(0, Sha256Tag.Length).SequenceEqual(Sha256Tag))
            throw new ErofsContentException($"fingerprint is not 'sha256:' + 32 bytes ({stored.Length} bytes: {Printable(stored)})", inode.Nid);
        var actual = hash.GetHashAndReset();
        if (!stored.AsSpan(Sha256Tag.Length).SequenceEqual(actual))
            throw new ErofsContentException($"fingerprint mismatch: stored {Convert.ToHexStringLower(stored, Sha256Tag.Length, 32)}, content {Convert.ToHexStringLower(actual)}", inode.Nid);
    }

    private static string Printable(byte[] value) => Encoding.ASCII.GetString(value, 0, Math.Min(value.Length, 16));
}
