using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Extracting;

namespace Erofs.Cli.Commands.Fsck;

/// <summary>
/// Turns parsed fsck options into a <see cref="FsckRequest"/>, refusing what fsck.erofs 1.9.3 refuses
/// (extraction options without <c>--extract=X</c>, <c>--extract=/</c> without <c>--force</c>), so the
/// same command lines succeed and fail.
/// </summary>
internal static class FsckArguments
{
    private static readonly string[] ExtractionOnly =
        ["force", "overwrite", "preserve", "no-preserve", "preserve-owner", "no-preserve-owner", "preserve-perms", "no-preserve-perms"];

    public static FsckRequest Parse(ParseResult args)
    {
        string image = ImageArguments.Positional(args, 0, "IMAGE");
        ImageArguments.NoMorePositionals(args, 1);
        if (args.Value("d") is { } level && !(int.TryParse(level, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int d) && d is >= 0 and <= 9))
            throw new CommandLineException($"-d: invalid debug level {level} (0 to 9)");
        string? directory = ExtractDirectory(args);
        if (directory is null)
        {
            if (ExtractionOnly.FirstOrDefault(args.Has) is { } option)
                throw new CommandLineException($"--{option} must be used together with --extract=X");
        }
        else if (directory == "/" && !args.Has("force"))
        {
            throw new CommandLineException("--extract=/ must be used together with --force");
        }
        return new FsckRequest(image, directory, Extraction(args), Nid(args), args.Value("path"));
    }

    // --extract alone checks all data; --extract=X extracts to X (trailing slashes dropped, "/" kept).
    private static string? ExtractDirectory(ParseResult args)
    {
        if (!args.Has("extract") || args.Value("extract") is not { } value)
            return null;
        if (value.Length == 0)
            throw new CommandLineException("empty value given for --extract=X");
        string trimmed = value.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    // fsck.erofs's defaults: owners and exact permissions as root only; later options override earlier ones.
    // Xattrs are restored unless --no-xattrs (fsck.erofs leaves them out unless --xattrs: we keep what the image has).
    private static ExtractOptions Extraction(ParseResult args)
    {
        bool root = Environment.IsPrivilegedProcess;
        bool owner = root, perms = root, xattrs = true;
        foreach (var (spec, _) in args.Occurrences)
        {
            switch (spec.Key)
            {
                case "preserve": owner = perms = true; break;
                case "no-preserve": owner = perms = false; break;
                case "preserve-owner": owner = true; break;
                case "no-preserve-owner": owner = false; break;
                case "preserve-perms": perms = true; break;
                case "no-preserve-perms": perms = false; break;
                case "xattrs": xattrs = true; break;
                case "no-xattrs": xattrs = false; break;
            }
        }
        return new ExtractOptions { PreserveOwners = owner, PreservePermissions = perms, PreserveXattrs = xattrs, Overwrite = args.Has("overwrite") };
    }

    private static ulong? Nid(ParseResult args) =>
        args.Value("nid") is not { } text ? null
        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong nid) ? nid
        : throw new CommandLineException($"--nid: invalid nid '{text}'");
}
