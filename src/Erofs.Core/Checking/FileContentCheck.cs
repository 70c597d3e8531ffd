using System.Security.Cryptography;
using System.Text;
using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>Reads a whole file and, when asked, compares its SHA-256 with the stored fingerprint.</summary>
internal sealed class FileContentCheck(ErofsImage image, InodeInfo inode)
{
    private static ReadOnlySpan<byte> Sha256Tag => "sha256:"u8;

    public void Run(bool verifyFingerprint)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Math.Min(1 << 20, (long)Math.Max(inode.Size, 1))];
        long offset = 0;
        while (offset < (long)inode.Size)
        {
            int n = image.Read(inode, offset, buffer);
            hash.AppendData(buffer, 0, n);
            offset += n;
        }
        if (!verifyFingerprint || image.GetFingerprint(inode) is not { } stored)
            return;
        if (stored.Length != Sha256Tag.Length + 32 || !stored.AsSpan(0, Sha256Tag.Length).SequenceEqual(Sha256Tag))
            throw new ErofsContentException($"fingerprint is not 'sha256:' + 32 bytes ({stored.Length} bytes: {Printable(stored)})", inode.Nid);
        var actual = hash.GetHashAndReset();
        if (!stored.AsSpan(Sha256Tag.Length).SequenceEqual(actual))
            throw new ErofsContentException($"fingerprint mismatch: stored {Convert.ToHexStringLower(stored, Sha256Tag.Length, 32)}, content {Convert.ToHexStringLower(actual)}", inode.Nid);
    }

    private static string Printable(byte[] value) => Encoding.ASCII.GetString(value, 0, Math.Min(value.Length, 16));
}
