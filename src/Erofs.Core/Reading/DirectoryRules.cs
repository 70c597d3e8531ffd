namespace Erofs.Reading;

/// <summary>
/// The <see cref="DirectoryChecks"/> of one directory, checked entry by entry: strict byte order,
/// "." and ".." pointing where they must. Streaming, so a huge or looping directory costs no memory.
/// </summary>
/// <remarks>A null <c>parentNid</c> checks that ".." exists but not where it points (a walk's start below the root).</remarks>
internal sealed class DirectoryRules(InodeInfo dir, ulong? parentNid, DirectoryChecks checks)
{
    private readonly StrictNameOrder _order = new(dir.Nid);
    private bool _sawDot, _sawDotDot;

    public void Check(DirectoryEntry e)
    {
        if ((checks & DirectoryChecks.NameOrder) != 0)
            _order.Next(e);
        if ((checks & DirectoryChecks.DotEntries) == 0)
            return;
        if (e.NameBytes is [(byte)'.'])
        {
            _sawDot = true;
            if (e.Nid != dir.Nid)
                throw new ErofsContentException($"'.' points to nid {e.Nid}, not to the directory itself", dir.Nid);
        }
        else if (e.NameBytes is [(byte)'.', (byte)'.'])
        {
            _sawDotDot = true;
            if (parentNid is { } parent && e.Nid != parent)
                throw new ErofsContentException($"'..' points to nid {e.Nid}, not to the parent {parent}", dir.Nid);
        }
    }

    public void Finish()
    {
        if ((checks & DirectoryChecks.DotEntries) == 0)
            return;
        if (!_sawDot && !dir.IsDotOmitted)
            throw new ErofsContentException("directory has no '.' entry", dir.Nid);
        if (!_sawDotDot)
            throw new ErofsContentException("directory has no '..' entry", dir.Nid);
    }
}
