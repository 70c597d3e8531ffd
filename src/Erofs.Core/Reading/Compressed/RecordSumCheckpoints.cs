using System.Collections.Concurrent;

namespace Erofs.Reading.Compressed;

/// <summary>
/// 4-byte encoded extent records hold only lengths, so the start of lcluster n is the sum of the n
/// lengths before it. Remembering the last sum per inode makes walking a file's extents linear
/// instead of re-adding the whole prefix for every extent.
/// </summary>
internal sealed class RecordSumCheckpoints
{
    private const int Limit = 4096;
    private readonly ConcurrentDictionary<ulong, (long Lcn, long Sum)> _last = new();

    /// <summary>The latest checkpoint at or before <paramref name="lcn"/>, else (0, 0).</summary>
    public (long Lcn, long Sum) Before(ulong nid, long lcn) =>
        _last.TryGetValue(nid, out var c) && c.Lcn <= lcn ? c : (0, 0);

    public void Remember(ulong nid, long lcn, long sum)
    {
        if (_last.Count >= Limit)
            _last.Clear();
        _last[nid] = (lcn, sum);
    }
}
