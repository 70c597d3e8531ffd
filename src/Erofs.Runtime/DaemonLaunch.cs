namespace Erofs.Runtime;

/// <summary>How starting a background daemon ended.</summary>
/// <param name="Ready">The daemon reported that it is ready and keeps running.</param>
/// <param name="Messages">What the daemon wrote to standard error before it was ready (its error line when it failed).</param>
/// <param name="ExitCode">The daemon's exit code when it ended before being ready, else null.</param>
public sealed record DaemonLaunch(bool Ready, string Messages, int? ExitCode);
