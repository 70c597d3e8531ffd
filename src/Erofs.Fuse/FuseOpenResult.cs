using Erofs.Fuse.Abi;

namespace Erofs.Fuse;

/// <summary>The answer to OPEN or OPENDIR.</summary>
/// <param name="Handle">File handle the kernel passes back with every request on this open file.</param>
/// <param name="Flags">Caching flags (<see cref="FuseOpenFlags"/>).</param>
/// <param name="BackingId">With <see cref="FuseOpenFlags.Passthrough"/>: the id from <see cref="FuseSession.OpenBacking"/>; else 0.</param>
public readonly record struct FuseOpenResult(ulong Handle, FuseOpenFlags Flags, int BackingId = 0);
