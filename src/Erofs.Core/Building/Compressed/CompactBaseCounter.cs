namespace Erofs.Building.Compressed;

/// <summary>
/// Computes the le32 base block of each compact pack (erofs-format.md §8.4, writer side) so that the
/// reader's backward walk inside the pack lands on each HEAD's pcluster. Entries are visited in file
/// order, including the dummy PLAIN entry that fills an odd last pack.
/// Without big pclusters every HEAD is one block and a pack's base is the block before its first HEAD's.
/// With big pclusters a CBLKCNT entry adds its count, a HEAD not followed by one counts a single block
/// when the next HEAD arrives, and the base is the first HEAD's own block.
/// </summary>
internal sealed class CompactBaseCounter
{
    private readonly bool _big;
    private uint _next;
    private bool _pendingHead;
    private bool _firstHeadInPack;

    public CompactBaseCounter(uint firstBlock, bool bigPclusters)
    {
        _big = bigPclusters;
        _next = bigPclusters ? firstBlock : unchecked(firstBlock - 1);
        _pendingHead = !bigPclusters;
    }

    /// <summary>The base of the current pack.</summary>
    public uint Base { get; private set; }

    public void StartPack()
    {
        Base = _next;
        _firstHeadInPack = true;
    }

    public void Visit(in LclusterEntry entry)
    {
        if (entry.IsBlockCount)
        {
            _next = unchecked(_next + (uint)entry.BlockCount);
            _pendingHead = false;
            return;
        }
        if (!entry.IsHead)
            return;
        if (_pendingHead)
        {
            _next = unchecked(_next + 1);
            if (_big && _firstHeadInPack)
                Base = _next;
        }
        _firstHeadInPack = false;
        _pendingHead = true;
    }
}
