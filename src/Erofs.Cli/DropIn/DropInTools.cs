using Erofs.Cli.Commands;

namespace Erofs.Cli.DropIn;

/// <summary>The erofs-utils programs this binary answers to, by the name it was invoked with.</summary>
internal static class DropInTools
{
    public static IReadOnlyList<DropInTool> All { get; } =
    [
        new("mkfs.erofs", "mkfs", () => new MkfsCommand()),
        new("fsck.erofs", "fsck", () => new FsckCommand()),
        new("dump.erofs", null, () => new DumpErofsCommand()),
        new("erofsfuse", null, () => new ErofsFuseCommand(), HelpExitCode: CommandRunner.ExitUsage),
    ];

    /// <summary>The program named <paramref name="programName"/> (a file name, no directory), or null for any other name.</summary>
    public static DropInTool? ForProgram(string programName) => All.FirstOrDefault(t => t.Name == programName);

    /// <summary>The program whose options the <c>erofs</c> subcommand <paramref name="commandName"/> shares, or null.</summary>
    public static DropInTool? ForCommand(string commandName) => All.FirstOrDefault(t => t.CommandName == commandName);
}
