using Erofs.Cli.CommandLine;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Cli.Commands;

/// <summary>Options every image-reading command shares, and opening the image with them.</summary>
internal static class ImageArguments
{
    public static OptionSpec Device => new(null, "device", ArgumentKind.Required, "extra device (blob) in table order; repeat for several", "PATH");

    public static OptionSpec NoSuperblockCrc => new(null, "no-sbcrc", ArgumentKind.None, "do not verify the superblock checksum");

    public static OptionSpec Help => new('h', "help", ArgumentKind.None, "show this help");

    /// <summary>erofs-utils' <c>--offset=#</c>: the image starts # bytes into the file (extra devices do not move).</summary>
    public static OptionSpec Offset => new(null, "offset", ArgumentKind.Required, "the image starts # bytes into IMAGE (e.g. inside a disk image)", "#");

    /// <summary>Opens the image with the table's options; <c>--offset</c> counts only where the table has it.</summary>
    public static ErofsImage Open(string path, ParseResult args, ErofsConformance conformance = ErofsConformance.Strict)
    {
        var options = new ReadOptions
        {
            DevicePaths = args.Values("device"),
            VerifySuperblockChecksum = !args.Has("no-sbcrc"),
            Conformance = conformance,
            Limits = LimitArguments.Parse(args),
        };
        long offset = args.Defines("offset") ? OffsetOf(args) : 0;
        if (offset == 0)
            return ErofsImage.Open(path, options);
        var file = new FileBlockSource(path);
        IBlockSource source;
        try
        {
            source = new OffsetBlockSource(file, offset);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return ErofsImage.Open(source, options);
    }

    /// <summary>The <c>--offset</c> value: bytes, read as erofs-utils reads it (strtoull base 0: decimal, 0x hexadecimal, 0 octal).</summary>
    public static long OffsetOf(ParseResult args)
    {
        if (args.Value("offset") is not { } text)
            return 0;
        return CNumber.ParseUnsigned(text) is ulong offset && offset <= long.MaxValue
            ? (long)offset
            : throw new CommandLineException($"--offset: invalid disk offset {text}");
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
