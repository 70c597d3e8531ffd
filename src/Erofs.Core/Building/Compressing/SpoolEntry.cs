namespace Erofs.Building.Compressing;

/// <summary>Where <see cref="PclusterSpool"/> keeps one run of bytes: its offset in the spool file and its length.</summary>
internal readonly record struct SpoolEntry(long Offset, int Length);
