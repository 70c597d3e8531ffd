using Erofs.Cli.Commands;

namespace Erofs.Cli;

/// <summary>Progress of publishing an image's files (done of all), drawn on a terminal only; reported from several threads.</summary>
internal sealed class PublishProgress(CommandContext context) : IDisposable
{
    private readonly object _gate = new();
    private ProgressReporter? _reporter;
    private bool _started;

    public void Report(long done, long total)
    {
        lock (_gate)
        {
            if (!_started)
                (_reporter, _started) = (ProgressReporter.ForTerminal(context, "publishing", total), true);
            _reporter?.Report(done);
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _reporter?.Dispose();
    }
}
