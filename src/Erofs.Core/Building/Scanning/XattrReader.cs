using System.Runtime.InteropServices;
using System.Text;
using Erofs.Building.Source;
using Erofs.Interop;

namespace Erofs.Building.Scanning;

/// <summary>
/// Reads the extended attributes of one file at a time (llistxattr, lgetxattr on the file
/// itself), through one worker's buffers: the kernel caps both a name list and a value at
/// 64 KiB, so one call of each always fits.
/// </summary>
internal sealed unsafe class XattrReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _names = GC.AllocateUninitializedArray<byte>(Libc.XattrMax, pinned: true);
    private readonly byte[] _value = GC.AllocateUninitializedArray<byte>(Libc.XattrMax, pinned: true);

    /// <summary>Adds every attribute of the file at <paramref name="path"/> (NUL-terminated) to <paramref name="into"/>.</summary>
    internal void Read(byte[] path, int pathLength, List<SourceXattr> into)
    {
        fixed (byte* p = path)
        fixed (byte* names = _names)
        {
            nint listed = Libc.Llistxattr(p, names, (nuint)_names.Length);
            if (listed < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EOPNOTSUPP)
                    return; // the filesystem has no xattrs at all
                throw ScanPaths.Failure("list extended attributes of", path.AsSpan(0, pathLength), errno);
            }
            int offset = 0;
            while (offset < listed)
            {
                int end = Array.IndexOf(_names, (byte)0, offset, (int)listed - offset);
                if (end < 0)
                    break; // the kernel ends every name with NUL; ignore a fragment without one
                if (end > offset)
                    ReadOne(p, path.AsSpan(0, pathLength), names + offset, end - offset, into);
                offset = end + 1;
            }
        }
    }

    private void ReadOne(byte* path, ReadOnlySpan<byte> pathBytes, byte* name, int nameLength, List<SourceXattr> into)
    {
        var nameSpan = new ReadOnlySpan<byte>(name, nameLength);
        nint size;
        fixed (byte* value = _value)
            size = Libc.Lgetxattr(path, name, value, (nuint)_value.Length);
        if (size < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.ENODATA)
                return; // removed between listing and reading: it no longer exists
            throw new InvalidSourceException(
                $"Cannot read extended attribute '{ScanPaths.Display(nameSpan)}' of '{ScanPaths.Display(pathBytes)}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        into.Add(new SourceXattr(DecodeName(nameSpan, pathBytes), _value.AsSpan(0, (int)size).ToArray()));
    }

    private static string DecodeName(ReadOnlySpan<byte> name, ReadOnlySpan<byte> path)
    {
        try
        {
            return StrictUtf8.GetString(name);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidSourceException(
                $"Extended attribute name '{ScanPaths.Display(name)}' of '{ScanPaths.Display(path)}' is not valid UTF-8");
        }
    }
}
