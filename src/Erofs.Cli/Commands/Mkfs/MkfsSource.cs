using Erofs.Building;
using Erofs.Building.Scanning;
using Erofs.Building.Source;
using Erofs.Building.Tar;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>The source tree of a build: a scanned directory, or a tar archive kept open while it is read.</summary>
internal sealed class MkfsSource : IDisposable
{
    private readonly IDisposable? _owner;

    private MkfsSource(SourceNode root, string? indexablePath, IDisposable? owner)
    {
        Root = root;
        IndexablePath = indexablePath;
        _owner = owner;
    }

    public SourceNode Root { get; }
    /// <summary>For index mode: the plain tar file the image will refer to.</summary>
    public string? IndexablePath { get; }

    public static MkfsSource Load(MkfsRequest request)
    {
        if (request.Tar == TarMode.None)
            return new MkfsSource(ScanDirectory(request), null, null);
        // An archive without a "." entry gets a root owned by root, dated like the image.
        long now = request.Options.Timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var archive = TarArchive.Open(request.Source, new TarReadOptions
        {
            Ungzip = request.Ungzip,
            Aufs = request.Aufs,
            OvlfsStrip = request.OvlfsStrip,
            RootMtimeSeconds = now,
        });
        if (request.Tar == TarMode.Index && archive.IndexablePath is null)
        {
            archive.Dispose();
            throw new CommandLineException("--tar=i needs an uncompressed tar file, not a gzip file");
        }
        return new MkfsSource(archive.Root, archive.IndexablePath, archive);
    }

    private static SourceNode ScanDirectory(MkfsRequest request)
    {
        // mkfs.erofs 1.9.3 rebuilds from EROFS images given as SOURCE(s) (a file that is not a directory).
        if (File.Exists(request.Source))
            throw new NotSupportedYetException($"{request.Source}: an image as SOURCE (mkfs.erofs's rebuild mode)");
        if (!Directory.Exists(request.Source))
            throw new InvalidSourceException($"{request.Source}: not a directory (use --tar for a tar file)");
        var regexes = new List<PosixRegex>();
        try
        {
            foreach (string pattern in request.ExcludeRegexes)
                regexes.Add(new PosixRegex(pattern));
            return DirectorySource.Scan(request.Source, new DirectoryScanOptions
            {
                ExcludePaths = request.ExcludePaths,
                ExcludeRegexes = regexes,
                HardDereference = request.HardDereference,
                ReadXattrs = request.Options.XattrSharingThreshold >= 0,
            });
        }
        finally
        {
            foreach (var r in regexes)
                r.Dispose();
        }
    }

    public void Dispose() => _owner?.Dispose();
}
