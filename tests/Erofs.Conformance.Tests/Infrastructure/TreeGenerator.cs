using System.Globalization;
using System.Text;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// Writes a deterministic test tree from a seed: files at block-boundary sizes with random and
/// compressible content, duplicates, sparse files, an empty directory, a big directory, a deep path,
/// 255-byte names, short and long symlinks, hard links, a FIFO, devices, special modes, uids/gids,
/// xattrs, a POSIX ACL and nanosecond mtimes. Needs root (devices, ownership, trusted.* xattrs) and
/// setfattr (Debian package attr). Equal seeds and options give equal trees (contents, names, metadata).
/// </summary>
public static class TreeGenerator
{
    /// <summary>Sizes of the <c>/sizes/rand-N</c> and <c>/sizes/text-N</c> files.</summary>
    public static IReadOnlyList<int> FileSizes { get; } = [0, 1, 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8192, 8193, 65536 + 7];

    /// <summary>Size of the large files (<see cref="TreeOptions.LargeFiles"/>).</summary>
    public const int LargeFileSize = (1024 * 1024) + 13;

    /// <summary>Generates the tree into <paramref name="root"/> (created if missing; must be empty).</summary>
    public static GeneratedTree Generate(string root, TreeOptions? options = null)
    {
        options ??= TreeOptions.Full;
        if (LibC.EffectiveUid != 0)
        {
            throw new InvalidOperationException("TreeGenerator needs root (device nodes, ownership, trusted.* xattrs).");
        }

        if (options.Xattrs || options.PosixAcl)
        {
            HostTools.Require("setfattr", "attr");
        }

        if (options.SpecialFiles)
        {
            HostTools.Require("mkfifo", "coreutils");
            HostTools.Require("mknod", "coreutils");
        }

        Directory.CreateDirectory(root);
        if (Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"TreeGenerator: {root} is not empty.");
        }

        var builder = new Builder(Path.GetFullPath(root), options);
        builder.Build();
        return new GeneratedTree(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), options, builder.Items);
    }

    private sealed class Builder(string root, TreeOptions options)
    {
        private static readonly string[] Words =
            ["erofs", "block", "inode", "extent", "cluster", "the", "of", "data", "read", "only", "image", "file", "compress", "lz4", "zstd", "page"];

        private readonly Random _rng = new(options.Seed);
        private readonly List<(string Path, uint Uid, uint Gid)> _owners = [];
        private readonly List<(string Path, uint Mode)> _modes = [];
        private readonly List<(string Path, string Name, byte[] Value)> _xattrs = [];
        private readonly Dictionary<string, long> _fixedMtimes = new(StringComparer.Ordinal);

        public List<GeneratedItem> Items { get; } = [];

        public void Build()
        {
            Sizes();
            Contents();
            Duplicates();
            Sparse();
            Directories();
            Names();
            Symlinks();
            HardLinks();
            if (options.SpecialFiles)
            {
                Specials();
            }

            Modes();
            Owners();
            if (options.Xattrs)
            {
                Xattrs();
            }

            if (options.PosixAcl)
            {
                Acls();
            }

            ApplyXattrs();
            ApplyOwners();
            ApplyModes();
            ApplyMtimes();
        }

        private void Sizes()
        {
            var sizes = options.LargeFiles ? FileSizes.Append(LargeFileSize) : FileSizes;
            foreach (var size in sizes)
            {
                WriteFile($"/sizes/rand-{size}", RandomBytes(size), "size", $"{size} bytes random");
                WriteFile($"/sizes/text-{size}", Text(size), "size", $"{size} bytes compressible text");
            }
        }

        private void Contents()
        {
            WriteFile("/content/zeros-131072", new byte[131072], "content", "128 KiB of zeros");
            var mixed = new byte[16 * 4096];
            for (var block = 0; block < 16; block += 2)
            {
                _rng.NextBytes(mixed.AsSpan(block * 4096, 4096));
            }

            WriteFile("/content/mixed-blocks", mixed, "content", "random and zero 4 KiB blocks alternating");
            WriteFile("/content/repeated-byte-70000", Enumerable.Repeat((byte)'A', 70000).ToArray(), "content", "one byte repeated");
        }

        private void Duplicates()
        {
            var text = Text(20000);
            var random = RandomBytes(8192);
            WriteFile("/dup/text-a", text, "duplicate", "same content as text-b, text-c");
            WriteFile("/dup/text-b", text, "duplicate", "same content as text-a");
            WriteFile("/dup/text-c", text, "duplicate", "same content as text-a");
            WriteFile("/dup/rand-a", random, "duplicate", "same content as rand-b");
            WriteFile("/dup/rand-b", random, "duplicate", "same content as rand-a");
            WriteFile("/dup/text-prefix", text[..4096], "duplicate", "first 4096 bytes of text-a");
        }

        private void Sparse()
        {
            Directory.CreateDirectory(Full("/sparse"));
            using (var fs = new FileStream(Full("/sparse/hole-middle"), FileMode.CreateNew))
            {
                fs.Write(RandomBytes(4096));
                fs.Seek(1024 * 1024, SeekOrigin.Begin);
                fs.Write(Text(100));
            }

            Add("/sparse/hole-middle", "sparse", "4 KiB data, hole to 1 MiB, 100 bytes data");
            using (var fs = new FileStream(Full("/sparse/hole-start"), FileMode.CreateNew))
            {
                fs.Seek(65536, SeekOrigin.Begin);
                fs.Write(Text(1000));
            }

            Add("/sparse/hole-start", "sparse", "64 KiB hole, then 1000 bytes");
            using (var fs = new FileStream(Full("/sparse/hole-end"), FileMode.CreateNew))
            {
                fs.Write(Text(10));
                fs.SetLength(256 * 1024);
            }

            Add("/sparse/hole-end", "sparse", "10 bytes, then a hole to 256 KiB");
        }

        private void Directories()
        {
            Directory.CreateDirectory(Full("/empty-dir"));
            Add("/empty-dir", "empty-dir", "no entries");

            Directory.CreateDirectory(Full("/many"));
            for (var i = 0; i < options.ManyEntries; i++)
            {
                // Names of varied length so entries straddle directory blocks differently.
                var name = $"entry-{i:D4}-" + RandomName(_rng.Next(0, 40));
                var content = i % 7 == 0 ? [] : Encoding.ASCII.GetBytes(name);
                File.WriteAllBytes(Full("/many/" + name), content);
            }

            Add("/many", "many-entries", $"{options.ManyEntries} files");

            var path = "/deep";
            for (var level = 1; level <= options.DeepLevels; level++)
            {
                path += $"/level{level:D2}";
            }

            Directory.CreateDirectory(Full(path));
            WriteFile(path + "/leaf", Text(100), "deep", $"{options.DeepLevels} levels below /deep");
            WriteFile(path + "/" + LongAsciiName(options.LongNameLength), Text(50), "long-name", $"{options.LongNameLength}-byte name at the bottom of the deep path");
        }

        private void Names()
        {
            WriteFile("/names/" + LongAsciiName(options.LongNameLength), Text(10), "long-name", $"{options.LongNameLength}-byte ASCII name");
            WriteFile("/names/.hidden", Text(5), "name", "dot file");
            WriteFile("/names/with space", Text(5), "name", "space");
            WriteFile("/names/-dash", Text(5), "name", "leading dash");
            WriteFile("/names/a=b,c", Text(5), "name", "= and ,");
            WriteFile("/names/back\\slash", Text(5), "name", "backslash");
            WriteFile("/names/x", Text(5), "name", "one-character name");
            if (options.Utf8Names)
            {
                WriteFile("/names/utf8-héllo-wörld", Text(5), "utf8-name", "Latin-1 range");
                WriteFile("/names/utf8-日本語ファイル", Text(5), "utf8-name", "CJK");
                WriteFile("/names/utf8-emoji-🙂", Text(5), "utf8-name", "4-byte UTF-8");
                var utf8Long = string.Concat(Enumerable.Repeat("ж", options.LongNameLength / 2)) + (options.LongNameLength % 2 == 1 ? "x" : "");
                WriteFile("/names/" + utf8Long, Text(5), "utf8-name", $"{options.LongNameLength}-byte UTF-8 name (2-byte characters)");
                Directory.CreateDirectory(Full("/names/répertoire"));
                WriteFile("/names/répertoire/fichier", Text(5), "utf8-name", "UTF-8 directory");
            }
        }

        private void Symlinks()
        {
            Directory.CreateDirectory(Full("/links"));
            Symlink("/links/short", "target", "dangling relative target");
            Symlink("/links/to-file", "../sizes/text-1", "relative target that exists");
            Symlink("/links/to-dir", "../dup", "relative directory target");
            Symlink("/links/absolute", "/absolute/target/path", "absolute target");
            Symlink("/links/one", "x", "one-byte target");
            var sb = new StringBuilder();
            while (sb.Length < options.LongSymlinkLength)
            {
                sb.Append(CultureInfo.InvariantCulture, $"segment{sb.Length % 1000:D3}/");
            }

            var longTarget = sb.ToString(0, options.LongSymlinkLength);
            File.CreateSymbolicLink(Full("/links/long"), longTarget);
            Add("/links/long", "long-symlink", $"{longTarget.Length}-byte target");
        }

        private void HardLinks()
        {
            WriteFile("/hard/a", Text(3000), "hardlink", "hard link group of 3 (a, b, sub/c)");
            LibC.Link(Full("/hard/a"), Full("/hard/b"));
            Add("/hard/b", "hardlink", "link to /hard/a");
            Directory.CreateDirectory(Full("/hard/sub"));
            LibC.Link(Full("/hard/a"), Full("/hard/sub/c"));
            Add("/hard/sub/c", "hardlink", "link to /hard/a in another directory");
            WriteFile("/hard/pair-1", RandomBytes(5000), "hardlink", "hard link pair");
            LibC.Link(Full("/hard/pair-1"), Full("/hard/pair-2"));
            Add("/hard/pair-2", "hardlink", "link to /hard/pair-1");
        }

        private void Specials()
        {
            Directory.CreateDirectory(Full("/special"));
            ProcessRunner.RunChecked("mkfifo", Full("/special/fifo"));
            Add("/special/fifo", "fifo", "named pipe");
            ProcessRunner.RunChecked("mknod", Full("/special/null"), "c", "1", "3");
            Add("/special/null", "chardev", "character device 1:3");
            ProcessRunner.RunChecked("mknod", Full("/special/loop0"), "b", "7", "0");
            Add("/special/loop0", "blockdev", "block device 7:0");
            _modes.Add(("/special/loop0", Octal("0600")));
        }

        private void Modes()
        {
            foreach (var mode in new[] { "4755", "2755", "6755", "0600", "0000", "0755", "0444", "0777" })
            {
                WriteFile($"/modes/file-{mode}", Text(10), "mode", $"regular file mode {mode}");
                _modes.Add(($"/modes/file-{mode}", Octal(mode)));
            }

            foreach (var mode in new[] { "1777", "0700", "0555", "2775" })
            {
                Directory.CreateDirectory(Full($"/modes/dir-{mode}"));
                WriteFile($"/modes/dir-{mode}/inside", Text(10), "mode", "file in a mode-restricted directory");
                Add($"/modes/dir-{mode}", "mode", $"directory mode {mode}");
                _modes.Add(($"/modes/dir-{mode}", Octal(mode)));
            }
        }

        private void Owners()
        {
            var ids = new List<(uint Uid, uint Gid)> { (0, 0), (1, 1), (1000, 1000), (0, 100), (65534, 65534), (65535, 65535) };
            if (options.LargeIds)
            {
                ids.AddRange([(65536, 65536), (100000, 200000), (70000, 0), (0, 70000), (4_000_000_000, 3_000_000_000)]);
            }

            foreach (var (uid, gid) in ids)
            {
                var path = $"/owners/file-{uid}-{gid}";
                WriteFile(path, Text(10), "owner", $"uid {uid} gid {gid}");
                _owners.Add((path, uid, gid));
            }

            Directory.CreateDirectory(Full("/owners/dir-2000-3000"));
            Add("/owners/dir-2000-3000", "owner", "directory uid 2000 gid 3000");
            _owners.Add(("/owners/dir-2000-3000", 2000, 3000));
            Symlink("/owners/link-1234-5678", "file-1000-1000", "symlink uid 1234 gid 5678");
            _owners.Add(("/owners/link-1234-5678", 1234, 5678));
            if (options.LargeIds)
            {
                Symlink("/owners/link-80000-90000", "file-1000-1000", "symlink uid 80000 gid 90000");
                _owners.Add(("/owners/link-80000-90000", 80000, 90000));
            }
        }

        private void Xattrs()
        {
            WriteFile("/xattrs/plain", Text(100), "xattr", "user, trusted and security xattrs");
            _xattrs.Add(("/xattrs/plain", "user.comment", "hello world"u8.ToArray()));
            _xattrs.Add(("/xattrs/plain", "user.binary", RandomBytes(32)));
            _xattrs.Add(("/xattrs/plain", "trusted.secret", "trusted value"u8.ToArray()));
            _xattrs.Add(("/xattrs/plain", "security.label", "sec"u8.ToArray()));

            WriteFile("/xattrs/long-value", Text(10), "xattr", "2000-byte value");
            _xattrs.Add(("/xattrs/long-value", "user.long", Text(2000)));

            WriteFile("/xattrs/long-name", Text(10), "xattr", "200-byte xattr name");
            _xattrs.Add(("/xattrs/long-name", "user." + LongAsciiName(195), "v"u8.ToArray()));

            WriteFile("/xattrs/empty-value", Text(10), "xattr", "empty value");
            _xattrs.Add(("/xattrs/empty-value", "user.empty", []));

            WriteFile("/xattrs/many", Text(10), "xattr", "20 xattrs");
            for (var i = 0; i < 20; i++)
            {
                _xattrs.Add(("/xattrs/many", $"user.attr{i:D2}", Encoding.ASCII.GetBytes($"value {i}")));
            }

            for (var i = 1; i <= 5; i++)
            {
                WriteFile($"/xattrs/shared-{i}", Text(10), "xattr", "xattr shared with the other shared-N files");
                _xattrs.Add(($"/xattrs/shared-{i}", "user.shared", "the same value everywhere"u8.ToArray()));
                _xattrs.Add(($"/xattrs/shared-{i}", "trusted.shared", "also shared"u8.ToArray()));
            }

            Directory.CreateDirectory(Full("/xattrs/dir"));
            Add("/xattrs/dir", "xattr", "xattr on a directory");
            _xattrs.Add(("/xattrs/dir", "user.dir", "on a directory"u8.ToArray()));

            Symlink("/xattrs/link", "plain", "trusted xattr on a symlink");
            _xattrs.Add(("/xattrs/link", "trusted.link", "on a symlink"u8.ToArray()));
        }

        private void Acls()
        {
            WriteFile("/acl/file", Text(10), "acl", "access ACL: user 1000 r, mask r");
            _xattrs.Add(("/acl/file", "system.posix_acl_access", Acl((0x01, 6, uint.MaxValue), (0x02, 4, 1000), (0x04, 4, uint.MaxValue), (0x10, 4, uint.MaxValue), (0x20, 4, uint.MaxValue))));
            _modes.Add(("/acl/file", Octal("0644")));
            Directory.CreateDirectory(Full("/acl/dir"));
            Add("/acl/dir", "acl", "default ACL: group 2000 rx");
            _xattrs.Add(("/acl/dir", "system.posix_acl_default", Acl((0x01, 7, uint.MaxValue), (0x04, 5, uint.MaxValue), (0x08, 5, 2000), (0x10, 5, uint.MaxValue), (0x20, 5, uint.MaxValue))));
        }

        private static byte[] Acl(params (ushort Tag, ushort Perm, uint Id)[] entries)
        {
            // struct posix_acl_xattr_header { le32 a_version = 2 } + entries { le16 tag, le16 perm, le32 id }.
            var bytes = new byte[4 + (8 * entries.Length)];
            BitConverter.TryWriteBytes(bytes.AsSpan(0), 2u);
            for (var i = 0; i < entries.Length; i++)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(4 + (8 * i)), entries[i].Tag);
                BitConverter.TryWriteBytes(bytes.AsSpan(6 + (8 * i)), entries[i].Perm);
                BitConverter.TryWriteBytes(bytes.AsSpan(8 + (8 * i)), entries[i].Id);
            }

            return bytes;
        }

        private void ApplyXattrs()
        {
            foreach (var (path, name, value) in _xattrs)
            {
                // setfattr drops "-v 0s" with nothing after it, so an empty value is written as "".
                var encoded = value.Length == 0 ? "" : "0s" + Convert.ToBase64String(value);
                ProcessRunner.RunChecked("setfattr", "-h", "-n", name, "-v", encoded, Full(path));
                var readBack = LibC.GetXattr(Full(path), name);
                if (!readBack.AsSpan().SequenceEqual(value))
                {
                    throw new IOException($"setfattr did not store {name} on {path} as asked.");
                }
            }
        }

        private void ApplyOwners()
        {
            foreach (var (path, uid, gid) in _owners)
            {
                LibC.LChown(Full(path), uid, gid);
            }
        }

        private void ApplyModes()
        {
            // After chown, which clears setuid and setgid.
            File.SetUnixFileMode(root, (UnixFileMode)Octal("0755"));
            foreach (var (path, mode) in _modes)
            {
                File.SetUnixFileMode(Full(path), (UnixFileMode)mode);
            }
        }

        private void ApplyMtimes()
        {
            // Last, when nothing is created any more; every path in sorted order so the result is deterministic.
            var paths = TreeSnapshot.Capture(root, hashContent: false).Select(e => e.Path).ToList();
            _fixedMtimes["/sizes/text-0"] = 1_700_000_000_000_000_000;
            if (options.ExtremeMtimes)
            {
                _fixedMtimes["/sizes/rand-0"] = 0;
                _fixedMtimes["/sizes/rand-1"] = 4_500_000_000_123_456_789;
            }

            foreach (var path in paths)
            {
                var seconds = 1_500_000_000L + _rng.Next(0, 200_000_000);
                var nanoseconds = options.NanosecondMtimes ? _rng.Next(1, 1_000_000_000) : 0;
                var mtime = _fixedMtimes.TryGetValue(path, out var fixedTime) ? fixedTime : (seconds * 1_000_000_000L) + nanoseconds;
                if (!options.NanosecondMtimes)
                {
                    mtime -= mtime % 1_000_000_000L;
                }

                LibC.SetTimes(Full(path), 1_600_000_000, 0, mtime / 1_000_000_000L, mtime % 1_000_000_000L);
            }

            Items.Add(new GeneratedItem("/", "mtime", options.NanosecondMtimes ? "every path: its own mtime with nanoseconds" : "every path: its own whole-second mtime"));
        }

        private void WriteFile(string path, byte[] content, string feature, string note)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Full(path))!);
            File.WriteAllBytes(Full(path), content);
            Add(path, feature, note);
        }

        private void Symlink(string path, string target, string note)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Full(path))!);
            File.CreateSymbolicLink(Full(path), target);
            Add(path, "symlink", note);
        }

        private void Add(string path, string feature, string note) => Items.Add(new GeneratedItem(path, feature, note));

        private string Full(string treePath) => treePath == "/" ? root : root + treePath;

        private byte[] RandomBytes(int size)
        {
            var bytes = new byte[size];
            _rng.NextBytes(bytes);
            return bytes;
        }

        private byte[] Text(int size)
        {
            var sb = new StringBuilder(size + 16);
            while (sb.Length < size)
            {
                sb.Append(Words[_rng.Next(Words.Length)]).Append(_rng.Next(12) == 0 ? '\n' : ' ');
            }

            return Encoding.ASCII.GetBytes(sb.ToString(0, size));
        }

        private string RandomName(int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = (char)('a' + _rng.Next(26));
            }

            return new string(chars);
        }

        private string LongAsciiName(int length) => "long-" + RandomName(length - 5);

        private static uint Octal(string text) => Convert.ToUInt32(text, 8);
    }
}
