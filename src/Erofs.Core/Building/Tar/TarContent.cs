using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>
/// A regular file's data inside the archive: one run for a plain file, one per data range for a
/// GNU sparse file (holes read as zeros).
/// </summary>
internal sealed class TarContent : ILocatedContent
{
    private readonly TarSource _source;
    private readonly LocatedRange[] _locations;

    /// <summary>Creates the content; <paramref name="locations"/> are ascending and disjoint, none empty.</summary>
    public TarContent(TarSource source, long length, LocatedRange[] locations, bool sparse)
    {
        _source = source;
        _locations = locations;
        Length = length;
        if (sparse)
            DataRanges = Array.ConvertAll(locations, l => new DataRange(l.LogicalOffset, l.Length));
    }

    /// <inheritdoc/>
    public long Length { get; }

    /// <inheritdoc/>
    public IReadOnlyList<DataRange>? DataRanges { get; }

    /// <inheritdoc/>
    public IReadOnlyList<LocatedRange> Locations => _locations;

    /// <inheritdoc/>
    public IContentReader Open() => new TarContentReader(_source, _locations, Length);
}
