using Erofs.Cli;
using Erofs.Cli.Commands;
using Erofs.Runtime;

// A daemon started by `erofs mount` detaches before anything opens the console, which keeps
// duplicates of the standard descriptors (and would hold the caller's pipes open).
var readyFd = MountCommand.DaemonReadyFd(args);
if (readyFd is { } fd)
    Daemon.Detach(fd);
var context = readyFd is null
    ? new CommandContext(Console.Out, Console.Error, !Console.IsErrorRedirected)
    : new CommandContext(TextWriter.Null, Daemon.StandardError(), errorIsTerminal: false);
return new CommandDispatcher(CommandDispatcher.AllCommands()).Run(args, context);
