using Erofs.Reading;

namespace Erofs.Cli;

/// <summary>Renders a mode as ls does: type letter plus rwx triplets with s/S/t/T.</summary>
internal static class ModeText
{
    public static string Format(int mode)
    {
        Span<char> c = stackalloc char[10];
        c[0] = FileModes.LsChar(FileModes.KindOf(mode));
        Triplet(c[1..], mode >> 6, (mode & 0x800) != 0, 's');
        Triplet(c[4..], mode >> 3, (mode & 0x400) != 0, 's');
        Triplet(c[7..], mode, (mode & 0x200) != 0, 't');
        return new string(c);
    }

    private static void Triplet(Span<char> c, int bits, bool special, char specialChar)
    {
        c[0] = (bits & 4) != 0 ? 'r' : '-';
        c[1] = (bits & 2) != 0 ? 'w' : '-';
        bool x = (bits & 1) != 0;
        c[2] = special ? (x ? specialChar : char.ToUpperInvariant(specialChar)) : (x ? 'x' : '-');
    }
}
