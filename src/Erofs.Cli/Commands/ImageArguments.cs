using Erofs.Cli.CommandLine;
using Erofs.Reading;

namespace Erofs.Cli.Commands;

/// <summary>Options every image-reading command shares, and opening the image with them.</summary>
internal static class ImageArguments
{
    public static OptionSpec Device => new(null, "device", ArgumentKind.Required, "extra device (blob) in table order; repeat for several", "PATH");

    public static OptionSpec NoSuperblockCrc => new(null, "no-sbcrc", ArgumentKind.None, "do not verify the superblock checksum");

    public static OptionSpec Help => new('h', "help", ArgumentKind.None, "show this help");

    public static ErofsImage Open(string path, ParseResult args, ErofsConformance conformance = ErofsConformance.Strict)
    {
        var options = new ReadOptions
        {
            DevicePaths = args.Values("device"),
            VerifySuperblockChecksum = !args.Has("no-sbcrc"),
            Conformance = conformance,
            Limits = LimitArguments.Parse(args),
        };
        return ErofsImage.Open(path, options);
    }

    /// <summary>Returns positional <paramref name="index"/> or fails with a usage error naming it.</summary>
    public static string Positional(ParseResult args, int index, string name) =>
        index < args.Positionals.Count ? args.Positionals[index] : throw new CommandLineException($"missing {name}");

    /// <summary>Fails when more positionals were given than the command takes.</summary>
    public static void NoMorePositionals(ParseResult args, int count)
    {
        if (args.Positionals.Count > count)
            throw new CommandLineException($"unexpected argument '{args.Positionals[count]}'");
    }
}
