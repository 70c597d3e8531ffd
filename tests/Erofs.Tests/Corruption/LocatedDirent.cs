using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>A dirent with where it lives: its block, its 12-byte header and its name.</summary>
internal readonly record struct LocatedDirent(DirectoryEntry Entry, long BlockOffset, long DirentOffset, long NameOffset, int Index, int CountInBlock)
{
    public string Name => Entry.Name;
}
