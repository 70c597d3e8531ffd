using Erofs.Fuse.Abi;

namespace Erofs.Fuse;

/// <summary>Who asked: the calling process's ids, as the kernel put them in the request header.</summary>
/// <param name="Opcode">The request's operation.</param>
/// <param name="Unique">The request's unique id.</param>
/// <param name="Uid">Effective user id of the caller.</param>
/// <param name="Gid">Effective group id of the caller.</param>
/// <param name="Pid">Process id of the caller (0 for requests the kernel makes on its own, such as readahead).</param>
public readonly record struct FuseContext(FuseOpcode Opcode, ulong Unique, uint Uid, uint Gid, uint Pid);
