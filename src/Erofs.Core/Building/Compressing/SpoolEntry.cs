namespace Erofs.Building.Compressing;

/// <summary>Where <see cref="PclusterSpool"/> keeps one run of bytes: in memory, or at an offset of its file.</summary>
internal readonly record struct SpoolEntry(byte[]? Memory, long Offset, int Length);
