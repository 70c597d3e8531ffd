using Erofs.Cli.Commands.Mkfs;

namespace Erofs.Cli.DropIn;

/// <summary>
/// What <c>-V</c> prints. The first line is erofs-utils 1.9.3's own (<c>mkfs.erofs (erofs-utils) 1.9.3</c>),
/// so a script that reads the version from it (the third word, the last word, or the number after
/// "(erofs-utils)") gets the release whose options and features we follow; mkfs and fsck add 1.9.3's
/// list of algorithms. The last line says what this program really is.
/// </summary>
internal static class ToolVersion
{
    /// <summary>The erofs-utils release whose command lines, help spellings and exit codes we follow.</summary>
    public const string ErofsUtils = "1.9.3";

    public static string Text(string program)
    {
        string algorithms = string.Join(", ", CompressionArgument.Algorithms);
        string first = program switch
        {
            "mkfs.erofs" or "erofs mkfs" => $"mkfs.erofs (erofs-utils) {ErofsUtils}\navailable compressors: {algorithms}",
            // The reader decodes what each of those encoders writes.
            "fsck.erofs" or "erofs fsck" => $"fsck.erofs (erofs-utils) {ErofsUtils}\navailable decompressors: {algorithms}",
            "dump.erofs" or "erofs dump" => $"dump.erofs (erofs-utils) {ErofsUtils}",
            "erofsfuse" => $"erofsfuse {ErofsUtils}",
            _ => $"{program} (erofs-utils) {ErofsUtils}",
        };
        return $"{first}\n{Identity}\n";
    }

    /// <summary>The line that says this is not erofs-utils.</summary>
    public static string Identity =>
        $"(erofs {CommandDispatcher.Version}: a .NET reimplementation that follows erofs-utils {ErofsUtils}; not erofs-utils itself)";
}
