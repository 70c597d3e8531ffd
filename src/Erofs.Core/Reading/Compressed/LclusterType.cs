namespace Erofs.Reading.Compressed;

/// <summary>The 2-bit lcluster type (Z_EROFS_LCLUSTER_TYPE_*).</summary>
internal enum LclusterType : byte
{
    /// <summary>HEAD of an uncompressed extent.</summary>
    Plain = 0,
    /// <summary>HEAD of an extent compressed with the HEAD1 algorithm.</summary>
    Head1 = 1,
    /// <summary>No extent starts here.</summary>
    NonHead = 2,
    /// <summary>HEAD of an extent compressed with the HEAD2 algorithm.</summary>
    Head2 = 3,
}

/// <summary>
/// One decoded lcluster index. For NONHEAD entries ClusterOffset is the lcluster size and Delta0
/// looks back to the HEAD (1 for CBLKCNT entries). Delta1 (the distance ahead) is not decoded:
/// the reader steps forward lcluster by lcluster instead.
/// </summary>
internal readonly record struct Lcluster(
    long Lcn, LclusterType Type, int ClusterOffset, int Delta0, uint BlockAddress, int CompressedBlocks, bool PartialRef, long NextPackOffset)
{
    public bool IsHead => Type != LclusterType.NonHead;
}
