namespace Erofs.Building.Scanning;

/// <summary>What makes two directory entries the same file: the filesystem's device and the inode number.</summary>
internal readonly record struct FileIdentity(uint DevMajor, uint DevMinor, ulong Ino);
