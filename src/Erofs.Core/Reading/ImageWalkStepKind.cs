namespace Erofs.Reading;

/// <summary>What an <see cref="ImageWalkStep"/> reports.</summary>
public enum ImageWalkStepKind
{
    /// <summary>An entry: the root first, then each name read from a directory ("." and ".." never).</summary>
    Entry,

    /// <summary>The walk starts reading the entries of this directory; its entries follow.</summary>
    ReadingDirectory,

    /// <summary>This directory could not be read (further); the rest of it is skipped and the walk goes on.</summary>
    DirectoryFailed,
}
