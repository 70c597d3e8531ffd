using Erofs.Format;
using Erofs.Reading.Compressed;

namespace Erofs.Building.Compressed;

/// <summary>
/// One lcluster index entry in its full (8-byte) meaning, from which both index formats are written.
/// HEAD/PLAIN entries carry <see cref="ClusterOffset"/> and <see cref="BlockAddress"/>; NONHEAD entries
/// carry <see cref="Delta0"/> (distance back to the HEAD, clamped to 0x7FF, or CBLKCNT | block count)
/// and <see cref="Delta1"/> (distance ahead to the next HEAD).
/// </summary>
internal readonly record struct LclusterEntry(LclusterType Type, ushort ClusterOffset, uint BlockAddress, ushort Delta0, ushort Delta1, bool Partial)
{
    /// <summary>Largest delta0 that is a distance (0x800 and above mean CBLKCNT).</summary>
    public const int MaxDistance = ZMapHeader.CblkCnt - 1;

    /// <summary>HEAD, HEAD2 or PLAIN: an extent starts in this lcluster.</summary>
    public bool IsHead => Type != LclusterType.NonHead;

    /// <summary>A NONHEAD whose delta0 counts the pcluster's blocks.</summary>
    public bool IsBlockCount => Type == LclusterType.NonHead && (Delta0 & ZMapHeader.CblkCnt) != 0;

    /// <summary>Blocks counted by a CBLKCNT entry.</summary>
    public int BlockCount => Delta0 & MaxDistance;

    /// <summary>A HEAD (PLAIN, HEAD1 or HEAD2) entry.</summary>
    public static LclusterEntry Head(LclusterType type, int clusterOffset, uint blockAddress, bool partial)
        => new(type, checked((ushort)clusterOffset), blockAddress, 0, 0, partial);

    /// <summary>A NONHEAD entry; <paramref name="clusterOffset"/> is its HEAD's (mkfs leaves it; readers ignore it).</summary>
    public static LclusterEntry NonHead(int clusterOffset, int delta0, int delta1)
        => new(LclusterType.NonHead, checked((ushort)clusterOffset), 0, checked((ushort)delta0), checked((ushort)delta1), false);
}
