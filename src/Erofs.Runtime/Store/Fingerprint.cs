namespace Erofs.Runtime.Store;

/// <summary>
/// A SHA-256 content fingerprint. In images it is stored as <c>sha256:</c> followed by the 32 raw digest
/// bytes; in the store it names an object as 64 lowercase hex digits.
/// </summary>
public readonly record struct Fingerprint
{
    /// <summary>Digest length in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] Prefix = "sha256:"u8.ToArray();
    private readonly string _hex;

    private Fingerprint(string hex) => _hex = hex;

    /// <summary>The 64 lowercase hex digits.</summary>
    public string Hex => _hex ?? throw new InvalidOperationException("default Fingerprint has no value");

    /// <summary>A fingerprint from the 32 digest bytes.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Fingerprint FromDigest(ReadOnlySpan<byte> digest) => digest.Length == Length
        ? new(Convert.ToHexStringLower(digest))
        : throw new ArgumentException($"a SHA-256 digest has {Length} bytes, not {digest.Length}");

    /// <summary>A fingerprint from 64 hex digits (either case).</summary>
    /// <exception cref="ArgumentException">Not 64 hex digits.</exception>
    public static Fingerprint FromHex(string hex)
    {
        bool valid = hex.Length == 2 * Length && hex.All(char.IsAsciiHexDigit);
        return valid ? new(hex.ToLowerInvariant()) : throw new ArgumentException($"'{hex}' is not a SHA-256 digest (64 hex digits)");
    }

    /// <summary>Parses an image's fingerprint xattr value: <c>sha256:</c> plus 32 raw bytes.</summary>
    /// <exception cref="ArgumentException">The value has another form.</exception>
    public static Fingerprint FromXattrValue(ReadOnlySpan<byte> value) =>
        value.Length == Prefix.Length + Length && value.StartsWith(Prefix)
            ? FromDigest(value[Prefix.Length..])
            : throw new ArgumentException($"fingerprint value of {value.Length} bytes is not 'sha256:' plus {Length} digest bytes");

    /// <summary>The 32 digest bytes.</summary>
    public byte[] ToDigest() => Convert.FromHexString(Hex);

    /// <summary>The image xattr form: <c>sha256:</c> plus 32 raw bytes.</summary>
    public byte[] ToXattrValue() => [.. Prefix, .. ToDigest()];

    /// <inheritdoc/>
    public override string ToString() => "sha256:" + Hex;
}
