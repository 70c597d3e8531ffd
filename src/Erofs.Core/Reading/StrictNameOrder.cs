namespace Erofs.Reading;

/// <summary>
/// Checks, entry by entry, that a directory's names are strictly ascending (so also unique), as
/// the kernel's binary search needs; streaming, so a huge or looping directory costs no memory.
/// </summary>
internal sealed class StrictNameOrder(ulong nid)
{
    private byte[]? _previous;

    public void Next(DirectoryEntry entry)
    {
        if (_previous is not null && DirectoryReader.Compare(_previous, entry.NameBytes) >= 0)
        {
            string what = DirectoryReader.Compare(_previous, entry.NameBytes) == 0 ? "duplicated" : "out of order";
            throw new ErofsContentException($"directory entries '{System.Text.Encoding.UTF8.GetString(_previous)}' and '{entry.Name}' are {what}", nid);
        }
        _previous = entry.NameBytes;
    }
}
