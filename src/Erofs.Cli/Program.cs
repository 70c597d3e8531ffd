using Erofs.Cli;
using Erofs.Cli.Commands;
using Erofs.Cli.DropIn;
using Erofs.Runtime;

// A daemon started by `erofs mount` detaches before anything opens the console, which keeps
// duplicates of the standard descriptors (and would hold the caller's pipes open).
var readyFd = MountCommand.DaemonReadyFd(args);
if (readyFd is { } fd)
    Daemon.Detach(fd);
var context = readyFd is null
    ? new CommandContext(Console.Out, Console.Error, !Console.IsErrorRedirected)
    : new CommandContext(TextWriter.Null, Daemon.StandardError(), errorIsTerminal: false);
// Run through a link named mkfs.erofs, fsck.erofs, dump.erofs or erofsfuse, the binary is that program
// (`erofs install-links` makes the links); the daemon it starts runs as `erofs mount`, by its real path.
if (readyFd is null && DropInTools.ForProgram(InvokedName.Get()) is { } tool)
    return tool.Run(args, context);
return new CommandDispatcher(CommandDispatcher.AllCommands()).Run(args, context);
