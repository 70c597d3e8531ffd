using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>`-U`: a UUID in 8-4-4-4-12 form (stored in that byte order), `clear` (zeros) or `random`.</summary>
internal static class UuidArgument
{
    public static byte[]? Parse(string text) => text switch
    {
        "clear" => new byte[16],
        "random" => null,
        _ when Guid.TryParseExact(text, "D", out var guid) => guid.ToByteArray(bigEndian: true),
        _ => throw new CommandLineException($"-U: '{text}' is not a UUID, 'clear' or 'random'"),
    };
}
