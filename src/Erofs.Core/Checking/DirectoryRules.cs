using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>Rules for one directory's entries: strict byte order, "." and ".." pointing where they must.</summary>
internal sealed class DirectoryRules(InodeInfo dir, ulong parentNid)
{
    public void Verify(List<DirectoryEntry> entries)
    {
        bool sawDot = false, sawDotDot = false;
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (i > 0 && DirectoryReader.Compare(entries[i - 1].NameBytes, e.NameBytes) >= 0)
                throw new ErofsContentException($"entries '{entries[i - 1].Name}' and '{e.Name}' are out of order or duplicated", dir.Nid);
            if (e.NameBytes is [(byte)'.'])
            {
                sawDot = true;
                if (e.Nid != dir.Nid)
                    throw new ErofsContentException($"'.' points to nid {e.Nid}, not to the directory itself", dir.Nid);
            }
            else if (e.NameBytes is [(byte)'.', (byte)'.'])
            {
                sawDotDot = true;
                if (e.Nid != parentNid)
                    throw new ErofsContentException($"'..' points to nid {e.Nid}, not to the parent {parentNid}", dir.Nid);
            }
        }
        if (!sawDot && !dir.IsDotOmitted)
            throw new ErofsContentException("directory has no '.' entry", dir.Nid);
        if (!sawDotDot)
            throw new ErofsContentException("directory has no '..' entry", dir.Nid);
    }
}
