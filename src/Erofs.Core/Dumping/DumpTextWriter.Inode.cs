using Erofs.Reading;

namespace Erofs.Dumping;

public sealed partial class DumpTextWriter
{
    /// <summary>Writes the inode section: fields, xattrs, then extents when present.</summary>
    public void WriteInode(InodeReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        _output.WriteLine("Inode");
        OptionalField("Path", r.Path);
        Field("Nid", Num(r.Nid));
        Field("Type", r.KindName);
        Field("Mode", $"{r.PermissionsOctal} {r.ModeString} ({r.ModeOctal})");
        Field("Uid / Gid", $"{Num(r.Uid)} / {Num(r.Gid)}");
        Field("Links", Num(r.Nlink));
        Field("Size", Num(r.Size));
        Field("Modified", r.MtimeText);
        Field("Layout", r.LayoutName);
        Field("Inode form", $"{r.Form} ({Num(r.InodeSize)} bytes)");
        Field("Location", r.InMetabox ? $"{Num(r.Location)} (in the metabox)" : Num(r.Location));
        Field("Ino", Num(r.Ino));
        Field("Xattr area size", Num(r.XattrSize));
        OptionalField("Chunk size", r.ChunkSize is { } chunk ? Num(chunk) : null);
        OptionalField("Entries", r.EntryCount is { } entries ? Num(entries) : null);
        OptionalField("Symlink target", r.SymlinkTarget);
        if (r.DeviceMajor is { } major && r.DeviceMinor is { } minor)
            Field("Device", $"{Num(major)}:{Num(minor)}");
        OptionalField("Fingerprint", r.Fingerprint);
        WriteXattrs(r.Xattrs);
        WriteInodeCompression(r.Compression);
        WriteExtents(r);
        WriteProblems(r.Problems);
    }

    private void WriteXattrs(IReadOnlyList<XattrReport> xattrs)
    {
        Field("Xattrs", Num(xattrs.Count));
        foreach (var x in xattrs)
        {
            string value = x.Text is { } text ? $"\"{text}\"" : $"base64:{x.Base64}";
            string flags = (x.IsShared ? " [shared]" : "") + (x.IsHidden ? " [hidden]" : "");
            _output.WriteLine($"{Indent}{Indent}{x.Name} = {value}{flags}");
        }
    }

    private void WriteExtents(InodeReport r)
    {
        if (r.Extents is null)
        {
            OptionalField("Extents", r.ExtentsNote);
            return;
        }
        Field("Extents", r.ExtentsNote is { } note ? $"{Num(r.Extents.Count)} ({note})" : Num(r.Extents.Count));
        if (r.Extents.Count == 0)
            return;
        var table = new TextTable(("#", true), ("logical", true), ("end", true), ("length", true),
            ("kind", false), ("device", true), ("physical", true), ("stored", true), ("encoding", false), ("partial", false));
        for (int i = 0; i < r.Extents.Count; i++)
        {
            var e = r.Extents[i];
            bool hole = e.Kind == ExtentKind.Hole;
            // Inline tails live in metadata and fragments in the packed inode, not on a device: say so instead of "device 0".
            string device = e.Kind switch
            {
                ExtentKind.Inline => "meta",
                ExtentKind.Fragment => "packed",
                ExtentKind.Hole => "-",
                _ => Num(e.Device),
            };
            table.Add(Num(i), Num(e.LogicalOffset), Num(e.LogicalEnd), Num(e.Length), DumpFormat.ExtentKindToken(e.Kind),
                device, hole ? "-" : Num(e.PhysicalOffset), Num(e.PhysicalLength), DumpFormat.EncodingToken(e.Encoding), e.IsPartial ? "yes" : "-");
        }
        table.Write(_output, Indent + Indent);
    }
}
