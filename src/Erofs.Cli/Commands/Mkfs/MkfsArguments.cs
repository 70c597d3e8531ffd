using System.Numerics;
using Erofs.Building;
using Erofs.Building.Compressing;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>Turns parsed `erofs mkfs` options into a <see cref="MkfsRequest"/>, in command-line order.</summary>
internal static class MkfsArguments
{
    public const string DefaultFingerprintName = "erofs.fingerprint.v1";

    public static MkfsRequest Parse(ParseResult args, Func<string, string?> environment)
    {
        var o = new BuildOptions();
        var request = new MkfsRequest { ImagePath = "", Source = "", Options = o };
        var prefixes = new List<string>();
        var excludePaths = new List<string>();
        var excludeRegexes = new List<string>();
        var compression = new CompressionOptions { Compressors = [] };
        foreach (var (spec, value) in args.Occurrences)
        {
            string v = value ?? "";
            switch (spec.Key)
            {
                case "b": o = o with { BlockSizeBits = BlockBits(v) }; break;
                case "d": DebugLevel(v); break;
                case "x": o = o with { XattrSharingThreshold = (int)Math.Clamp(MkfsNumbers.ParseLong(v, "-x"), -1, int.MaxValue) }; break;
                case "z": compression = compression with { Compressors = CompressionArgument.Parse(v) }; break;
                case "C": compression = compression with { PclusterSize = PclusterSize(v, "-C") }; break;
                case "compress-hints": compression = compression with { Hints = Hints(v) }; break;
                case "max-extent-bytes": compression = compression with { MaxExtentBytes = MkfsNumbers.ParseSize(v, "--max-extent-bytes") }; break;
                case "E": o = ExtendedOptions.Apply(o, v, ref compression); break;
                case "zfeature-bits" when ZFeatureBits.ToExtendedOptions(v) is { Length: > 0 } features: o = ExtendedOptions.Apply(o, features, ref compression); break;
                case "zfeature-bits": break;
                case "T": o = o with { Timestamp = MkfsNumbers.ParseLong(v, "-T") }; break;
                case "all-time": o = o with { TimestampAllInodes = true }; break;
                case "mkfs-time": o = o with { TimestampAllInodes = false }; break;
                case "U": o = o with { Uuid = UuidArgument.Parse(v) }; break;
                case "L": o = o with { Label = Label(v) }; break;
                case "all-root": o = o with { AllRoot = true }; break;
                case "force-uid": o = o with { ForceUid = MkfsNumbers.ParseId(v, "--force-uid") }; break;
                case "force-gid": o = o with { ForceGid = MkfsNumbers.ParseId(v, "--force-gid") }; break;
                case "uid-offset": o = o with { UidOffset = MkfsNumbers.ParseId(v, "--uid-offset") }; break;
                case "gid-offset": o = o with { GidOffset = MkfsNumbers.ParseId(v, "--gid-offset") }; break;
                case "ignore-mtime": o = o with { IgnoreMtime = true }; break;
                case "preserve-mtime": o = o with { IgnoreMtime = false }; break;
                case "exclude-path": excludePaths.Add(v.TrimStart('/')); break;
                case "exclude-regex": excludeRegexes.Add(v); break;
                case "hard-dereference": request = request with { HardDereference = true }; break;
                case "chunksize": o = o with { ChunkSize = MkfsNumbers.ParseSize(v, "--chunksize") }; break;
                case "blobdev": o = o with { BlobDevicePath = v }; break;
                case "xattr-prefix": prefixes.Add(v); break;
                case "xattr-inode-digest": o = o with { FingerprintXattrName = value ?? DefaultFingerprintName }; break;
                case "tar": request = request with { Tar = TarModeOf(value) }; break;
                case "ungzip" or "gzip": request = request with { Ungzip = value is null ? true : throw new NotSupportedYetException($"--{spec.Key}=X (a copy of the raw stream)") }; break;
                case "aufs": request = request with { Aufs = true }; break;
                case "ovlfs-strip": request = request with { OvlfsStrip = value is null or "1" ? true : value == "0" ? false : throw new CommandLineException($"--ovlfs-strip: '{value}' is not 0 or 1") }; break;
                case "workers": o = o with { Threads = (int)Math.Clamp(MkfsNumbers.ParseLong(v, "--workers"), 1, 1024) }; break;
                case "quiet": request = request with { Quiet = true }; break;
                default: NoEffectOptions.Check(spec.Key, value); break;
            }
        }
        request = WithPositionals(request, args);
        // mkfs.erofs indexes standard input too (containerd appends the tar to the index image afterwards).
        if (request.Tar == TarMode.Index && request.Source == "-")
            throw new NotSupportedYetException("--tar=i from standard input");
        if (!args.Has("T") && environment("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch)
            o = o with { Timestamp = MkfsNumbers.ParseLong(epoch, "SOURCE_DATE_EPOCH"), TimestampAllInodes = false };
        o = o with { XattrPrefixes = prefixes };
        if (request.Tar == TarMode.Index)
        {
            if (args.Has("b") && o.BlockSizeBits != 9)
                throw new CommandLineException("--tar=i needs 512-byte blocks (-b512, the default in index mode)");
            o = o with { BlockSizeBits = 9 };
        }
        var warnings = new List<string>();
        if (compression.Compressors.Count > 0)
        {
            compression = compression with { Hints = HintsLeniency.DropMisaligned(compression.Hints, o.BlockSize, warnings) };
            o = o with { Compression = Checked(compression, o.BlockSize) };
        }
        return request with { Options = o, ExcludePaths = excludePaths, ExcludeRegexes = excludeRegexes, Warnings = warnings };
    }

    // IMAGE SOURCE; with --tar, SOURCE may be left out for standard input, as containerd's differ does.
    private static MkfsRequest WithPositionals(MkfsRequest request, ParseResult args)
    {
        var p = args.Positionals;
        if (p.Count == 0)
            throw new CommandLineException("needs IMAGE and SOURCE");
        if (p.Count == 1 && request.Tar == TarMode.None)
            throw new CommandLineException("needs SOURCE after IMAGE (or --tar to read standard input)");
        if (p.Count > 2)
            throw new CommandLineException($"unexpected argument '{p[2]}'");
        return request with { ImagePath = p[0], Source = p.Count == 2 ? p[1] : "-" };
    }

    // mkfs.erofs refuses a level outside 0-9; the level changes nothing here (we print errors and warnings only).
    private static void DebugLevel(string text)
    {
        if (MkfsNumbers.ParseLong(text, "-d") is < 0 or > 9)
            throw new CommandLineException($"-d: invalid debug level {text} (0 to 9)");
    }

    private static int PclusterSize(string text, string option)
    {
        long size = MkfsNumbers.ParseSize(text, option);
        return size is > 0 and <= 1 << 20 ? (int)size : throw new CommandLineException($"{option}: pcluster size {text} is out of range (a multiple of the block size up to 1 MiB)");
    }

    private static IReadOnlyList<CompressHint> Hints(string path)
    {
        try
        {
            return CompressHintsFile.Load(path);
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException($"--compress-hints: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"--compress-hints: cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Sizes, hint patterns and indexes are usage errors, found before the source is read.</summary>
    private static CompressionOptions Checked(CompressionOptions compression, int blockSize)
    {
        try
        {
            compression.Validate(blockSize);
            return compression;
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException(e.Message);
        }
    }

    private static int BlockBits(string text)
    {
        long size = MkfsNumbers.ParseSize(text, "-b");
        if (size is < 512 or > 4096 || !BitOperations.IsPow2(size))
            throw new CommandLineException($"-b: invalid block size {text} (512, 1024, 2048 or 4096)");
        return BitOperations.Log2((ulong)size);
    }

    private static string Label(string text) =>
        System.Text.Encoding.UTF8.GetByteCount(text) <= 15 ? text : throw new CommandLineException($"-L: volume label '{text}' is longer than 15 bytes");

    private static TarMode TarModeOf(string? value) => value switch
    {
        null or "f" => TarMode.Full,
        "i" => TarMode.Index,
        "headerball" => throw new NotSupportedException("--tar=headerball is not supported"),
        _ => throw new CommandLineException($"--tar: unknown mode '{value}' (f or i)"),
    };
}
