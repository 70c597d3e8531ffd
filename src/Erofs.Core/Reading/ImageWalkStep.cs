namespace Erofs.Reading;

/// <summary>One step of an <see cref="ImageWalker"/>'s walk.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Entry">The entry found, or the directory being read or that failed.</param>
/// <param name="Failure">Why the directory failed (only with <see cref="ImageWalkStepKind.DirectoryFailed"/>).</param>
public readonly record struct ImageWalkStep(ImageWalkStepKind Kind, ImageWalkEntry Entry, Exception? Failure = null);
