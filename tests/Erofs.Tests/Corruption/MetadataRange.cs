namespace Erofs.Tests.Corruption;

/// <summary>A byte range of an image and the structure it holds.</summary>
internal readonly record struct MetadataRange(long Start, long Length, string What);
