using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Compressing;

/// <summary>Where <see cref="PclusterSpool"/> keeps one run of bytes: a spool file (null for an empty run), an offset and a length.</summary>
internal readonly record struct SpoolEntry(SafeFileHandle? File, long Offset, int Length);
