namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>One image of the reference corpus, as described by a line of <c>INDEX.txt</c>.</summary>
/// <param name="Name">Image name without extension, e.g. <c>plain</c>.</param>
/// <param name="Options">The <c>mkfs.erofs</c> options, split on spaces (without IMAGE and SOURCE).</param>
/// <param name="Source">What the image was built from: <c>tree</c>, <c>tree.tar</c>, <c>large</c>, ...</param>
/// <param name="FsckResult">What <c>fsck.erofs</c> 1.9.3 said, e.g. <c>ok</c>.</param>
/// <param name="IndexLine">The raw INDEX.txt line.</param>
public sealed record CorpusImage(
    string Name,
    IReadOnlyList<string> Options,
    string Source,
    string FsckResult,
    string IndexLine)
{
    /// <summary>File name of the image, e.g. <c>plain.erofs</c>.</summary>
    public string FileName => Name + ".erofs";

    /// <summary>The options as one string, as written in INDEX.txt.</summary>
    public string OptionsText => string.Join(' ', Options);

    /// <summary>Whether the image compresses data or directories: it uses <c>-z...</c> or <c>--zD</c>, or is one of <c>large-*</c>.</summary>
    public bool IsCompressed =>
        Name.StartsWith("large-", StringComparison.Ordinal)
        || Options.Any(o => o.StartsWith("-z", StringComparison.Ordinal) || o.StartsWith("--zD", StringComparison.Ordinal));

    /// <summary>Whether the image needs <c>NAME.blob</c> as extra device (<c>--blobdev</c> or <c>--tar=i</c>).</summary>
    public bool HasBlob =>
        Options.Any(o => o.StartsWith("--blobdev", StringComparison.Ordinal) || o == "--tar=i");

    /// <summary>Whether the image was built from a tarball (<c>--tar=...</c>).</summary>
    public bool IsTar => Options.Any(o => o.StartsWith("--tar", StringComparison.Ordinal));

    /// <summary>Absolute path of the image; throws if missing.</summary>
    public string ImagePath => RepoPaths.CorpusFile(FileName);

    /// <summary>Absolute path of the manifest; throws if missing.</summary>
    public string ManifestPath => RepoPaths.CorpusFile(Name + ".manifest.jsonl");

    /// <summary>Absolute path of the extra device, or null when <see cref="HasBlob"/> is false; throws if the blob is missing.</summary>
    public string? BlobPath => HasBlob ? RepoPaths.CorpusFile(Name + ".blob") : null;

    /// <summary>The extra devices to pass on mount, in device order (empty or one blob).</summary>
    public IReadOnlyList<string> ExtraDevices => BlobPath is { } blob ? [blob] : [];

    /// <summary>Loads this image's manifest.</summary>
    public Manifest LoadManifest() => Manifest.Load(ManifestPath);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
