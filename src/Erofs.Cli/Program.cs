using Erofs.Cli;
using Erofs.Cli.Commands;

var context = new CommandContext(Console.Out, Console.Error, !Console.IsErrorRedirected);
return new CommandDispatcher(CommandDispatcher.AllCommands()).Run(args, context);
