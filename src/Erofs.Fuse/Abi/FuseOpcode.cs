namespace Erofs.Fuse.Abi;

/// <summary>Request opcodes of the kernel protocol (<c>enum fuse_opcode</c>), as far as a read-only file system meets them.</summary>
public enum FuseOpcode : uint
{
    /// <summary>FUSE_LOOKUP: find a name in a directory.</summary>
    Lookup = 1,
    /// <summary>FUSE_FORGET: drop lookup references (no reply).</summary>
    Forget = 2,
    /// <summary>FUSE_GETATTR.</summary>
    GetAttr = 3,
    /// <summary>FUSE_SETATTR.</summary>
    SetAttr = 4,
    /// <summary>FUSE_READLINK.</summary>
    ReadLink = 5,
    /// <summary>FUSE_SYMLINK.</summary>
    Symlink = 6,
    /// <summary>FUSE_MKNOD.</summary>
    MkNod = 8,
    /// <summary>FUSE_MKDIR.</summary>
    MkDir = 9,
    /// <summary>FUSE_UNLINK.</summary>
    Unlink = 10,
    /// <summary>FUSE_RMDIR.</summary>
    RmDir = 11,
    /// <summary>FUSE_RENAME.</summary>
    Rename = 12,
    /// <summary>FUSE_LINK.</summary>
    Link = 13,
    /// <summary>FUSE_OPEN.</summary>
    Open = 14,
    /// <summary>FUSE_READ.</summary>
    Read = 15,
    /// <summary>FUSE_WRITE.</summary>
    Write = 16,
    /// <summary>FUSE_STATFS.</summary>
    StatFs = 17,
    /// <summary>FUSE_RELEASE.</summary>
    Release = 18,
    /// <summary>FUSE_FSYNC.</summary>
    Fsync = 20,
    /// <summary>FUSE_SETXATTR.</summary>
    SetXattr = 21,
    /// <summary>FUSE_GETXATTR.</summary>
    GetXattr = 22,
    /// <summary>FUSE_LISTXATTR.</summary>
    ListXattr = 23,
    /// <summary>FUSE_REMOVEXATTR.</summary>
    RemoveXattr = 24,
    /// <summary>FUSE_FLUSH: sent on every close of an open file.</summary>
    Flush = 25,
    /// <summary>FUSE_INIT: the first request, protocol negotiation.</summary>
    Init = 26,
    /// <summary>FUSE_OPENDIR.</summary>
    OpenDir = 27,
    /// <summary>FUSE_READDIR.</summary>
    ReadDir = 28,
    /// <summary>FUSE_RELEASEDIR.</summary>
    ReleaseDir = 29,
    /// <summary>FUSE_FSYNCDIR.</summary>
    FsyncDir = 30,
    /// <summary>FUSE_ACCESS.</summary>
    Access = 34,
    /// <summary>FUSE_CREATE.</summary>
    Create = 35,
    /// <summary>FUSE_INTERRUPT (no reply).</summary>
    Interrupt = 36,
    /// <summary>FUSE_DESTROY: the connection is being torn down.</summary>
    Destroy = 38,
    /// <summary>FUSE_NOTIFY_REPLY: the answer to a retrieve notification; no reply.</summary>
    NotifyReply = 41,
    /// <summary>FUSE_BATCH_FORGET: many forgets in one request (no reply).</summary>
    BatchForget = 42,
    /// <summary>FUSE_FALLOCATE.</summary>
    Fallocate = 43,
    /// <summary>FUSE_READDIRPLUS: directory entries with their attributes.</summary>
    ReadDirPlus = 44,
    /// <summary>FUSE_RENAME2.</summary>
    Rename2 = 45,
    /// <summary>FUSE_LSEEK.</summary>
    Lseek = 46,
    /// <summary>FUSE_TMPFILE.</summary>
    TmpFile = 51,
    /// <summary>FUSE_STATX.</summary>
    Statx = 52,
}
