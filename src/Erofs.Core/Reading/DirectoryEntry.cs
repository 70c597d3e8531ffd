using System.Text;

namespace Erofs.Reading;

/// <summary>One entry of a directory as stored on disk ("." and ".." included when present).</summary>
public readonly record struct DirectoryEntry(byte[] NameBytes, ulong Nid, byte FileType)
{
    /// <summary>The name decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string Name => Encoding.UTF8.GetString(NameBytes);

    /// <summary>The kind the dirent claims (may be Unknown for file_type 0).</summary>
    public FileKind Kind => FileModes.KindOfDirentType(FileType);

    /// <summary>True for "." and "..".</summary>
    public bool IsDotOrDotDot => NameBytes is [(byte)'.'] or [(byte)'.', (byte)'.'];
}
