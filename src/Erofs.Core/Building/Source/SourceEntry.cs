namespace Erofs.Building.Source;

/// <summary>A name in a directory and the node it refers to (several entries may share a node: hard links).</summary>
/// <param name="Name">The name's raw bytes: 1 to 255 bytes, no '/' and no NUL.</param>
/// <param name="Node">The file.</param>
public sealed record SourceEntry(byte[] Name, SourceNode Node);
