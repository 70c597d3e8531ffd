namespace Erofs.Reading.Compressed;

/// <summary>Identifies one decoded extent: same stored bytes, same decoding, same output.</summary>
internal readonly record struct PclusterKey(ulong MetadataNid, long Address, int StoredLength, long DecodedLength, ZExtentKind Kind, int Algorithm, int Rotation, bool Partial);

/// <summary>
/// A least-recently-used cache of decoded extents, bounded by total bytes, so a sequential read
/// decodes each pcluster once. Thread-safe; two threads may decode the same extent at once, and
/// the first to finish is kept.
/// </summary>
internal sealed class PclusterCache(long capacityBytes)
{
    private readonly object _lock = new();
    private readonly Dictionary<PclusterKey, LinkedListNode<(PclusterKey Key, byte[] Data)>> _map = [];
    private readonly LinkedList<(PclusterKey Key, byte[] Data)> _order = new();
    private long _bytes;

    public byte[] GetOrAdd(PclusterKey key, Func<byte[]> decode)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Data;
            }
        }
        byte[] data = decode();
        if (data.Length > capacityBytes)
            return data;
        lock (_lock)
        {
            if (_map.ContainsKey(key))
                return data;
            _map[key] = _order.AddFirst((key, data));
            _bytes += data.Length;
            while (_bytes > capacityBytes && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Data.Length;
            }
        }
        return data;
    }
}
