using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>Rules for one directory, checked entry by entry: strict byte order, "." and ".." pointing where they must.</summary>
internal sealed class DirectoryRules(InodeInfo dir, ulong parentNid)
{
    private readonly StrictNameOrder _order = new(dir.Nid);
    private bool _sawDot, _sawDotDot;

    public void Check(DirectoryEntry e)
    {
        _order.Next(e);
        if (e.NameBytes is [(byte)'.'])
        {
            _sawDot = true;
            if (e.Nid != dir.Nid)
                throw new ErofsContentException($"'.' points to nid {e.Nid}, not to the directory itself", dir.Nid);
        }
        else if (e.NameBytes is [(byte)'.', (byte)'.'])
        {
            _sawDotDot = true;
            if (e.Nid != parentNid)
                throw new ErofsContentException($"'..' points to nid {e.Nid}, not to the parent {parentNid}", dir.Nid);
        }
    }

    public void Finish()
    {
        if (!_sawDot && !dir.IsDotOmitted)
            throw new ErofsContentException("directory has no '.' entry", dir.Nid);
        if (!_sawDotDot)
            throw new ErofsContentException("directory has no '..' entry", dir.Nid);
    }
}
