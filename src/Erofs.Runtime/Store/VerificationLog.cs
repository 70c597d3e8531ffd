using System.Buffers.Binary;
using Erofs.Runtime.Interop;

namespace Erofs.Runtime.Store;

/// <summary>
/// The append-only log of hash results for one image version (<c>verified/IDENTITY</c>). Each record is
/// 48 bytes: "EVR1", nid (LE64), 32 digest bytes, 1 = matched / 0 = mismatched, 3 zero bytes. Appends are
/// one O_APPEND write each, so processes never interleave; records not starting with the magic (a torn
/// tail after a crash) are ignored, which only means hashing that file again. Beside it,
/// <c>IDENTITY.image</c> names the image file, so gc can drop the log once that file is gone or changed.
/// A mount's log (one with an image path) is created at its first use and kept open: a first read of many
/// files checks and appends once per file, and must not open the log each time.
/// </summary>
internal sealed class VerificationLog(StoreDirectory directory, string name, string? imagePath) : IDisposable
{
    /// <summary>The suffix of the file that names a log's image.</summary>
    public const string ImageSuffix = ".image";

    private const int RecordSize = 48;
    private static ReadOnlySpan<byte> Magic => "EVR1"u8;

    private readonly Dictionary<(ulong Nid, Fingerprint Fingerprint), bool> _results = [];
    private readonly Dictionary<ulong, Fingerprint> _matchedByNid = [];
    private long _readUpTo;
    private long _ownUnread;   // records this log appended since the last read, already remembered
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _file;

    public VerificationState Check(ulong nid, Fingerprint fingerprint)
    {
        lock (_results)
        {
            ReadNewRecords();
            return !_results.TryGetValue((nid, fingerprint), out bool matched) ? VerificationState.Unknown
                : matched ? VerificationState.Matched : VerificationState.Mismatched;
        }
    }

    public Fingerprint? MatchedFingerprint(ulong nid)
    {
        lock (_results)
        {
            ReadNewRecords();
            return _matchedByNid.TryGetValue(nid, out var fingerprint) ? fingerprint : null;
        }
    }

    /// <summary>Files (nids) of this image version found not to match their fingerprint.</summary>
    public int Mismatches()
    {
        lock (_results)
        {
            ReadNewRecords();
            return _results.Where(r => !r.Value).Select(r => r.Key.Nid).Distinct().Count();
        }
    }

    public unsafe void Append(ulong nid, Fingerprint fingerprint, bool matched)
    {
        Span<byte> record = stackalloc byte[RecordSize];
        record.Clear();
        Magic.CopyTo(record);
        BinaryPrimitives.WriteUInt64LittleEndian(record[4..], nid);
        fingerprint.ToDigest().CopyTo(record[12..]);
        record[44] = matched ? (byte)1 : (byte)0;
        lock (_results)
        {
            var file = Open(create: true)!;
            fixed (byte* data = record)
            {
                if (Libc.Write(StoreFile.Fd(file), data, RecordSize) != RecordSize)
                    throw StoreFile.Error("append to", directory.Combine(name), System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }
            Remember(nid, fingerprint, matched);
            _ownUnread++;
        }
    }

    public void Dispose()
    {
        lock (_results)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    // The log's descriptor, opened once (and created, naming its image, when asked); null while it does not exist.
    private Microsoft.Win32.SafeHandles.SafeFileHandle? Open(bool create)
    {
        if (_file is not null)
            return _file;
        _file = directory.OpenFileOrNull(name, Libc.ORdWr | Libc.OAppend | (create ? Libc.OCreat : 0), 0x180);
        if (_file is not null)
            NameImage();
        return _file;
    }

    private void ReadNewRecords()
    {
        // A mount's log is made at once (it will be appended to); a reader such as stats only opens one that exists.
        var file = Open(create: imagePath is not null);
        if (file is null)
            return;
        long length = RandomAccess.GetLength(file);
        // Appends are whole records, so when the log grew by exactly what this log appended, nobody else
        // wrote: those records are remembered already, and reading them back would cost a pread per check.
        long own = _ownUnread;
        _ownUnread = 0;
        if (length == _readUpTo + own * RecordSize)
        {
            _readUpTo = length;
            return;
        }
        var buffer = new byte[RecordSize];
        for (; _readUpTo + RecordSize <= length; _readUpTo += RecordSize)
        {
            if (RandomAccess.Read(file, buffer, _readUpTo) != RecordSize)
                return;
            if (buffer.AsSpan(0, 4).SequenceEqual(Magic))
                Remember(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(4)), Fingerprint.FromDigest(buffer.AsSpan(12, 32)), buffer[44] == 1);
        }
    }

    // Once per log: which file the identity belongs to (a wrong or stale name costs gc only a re-hash later).
    private unsafe void NameImage()
    {
        if (imagePath is null || directory.StatEntryOrNull(name + ImageSuffix) is not null)
            return;
        try
        {
            using var file = directory.OpenFileOrNull(name + ImageSuffix, Libc.OWrOnly | Libc.OCreat | Libc.OExcl, 0x180)!;
            byte[] text = System.Text.Encoding.UTF8.GetBytes(imagePath);
            RandomAccess.Write(file, text, 0);
        }
        catch (IOException e) when (e.HResult == Libc.EExist)
        {
            // Another process named it first.
        }
    }

    private void Remember(ulong nid, Fingerprint fingerprint, bool matched)
    {
        _results[(nid, fingerprint)] = matched;
        if (matched)
            _matchedByNid[nid] = fingerprint;
    }
}
