using System.Runtime.InteropServices;

namespace Erofs.Mounting.Interop;

/// <summary>
/// A reference held on a SafeHandle while its descriptor number is in use, so another thread cannot
/// close it meanwhile (and a new file take its number).
/// </summary>
internal ref struct HeldDescriptor
{
    private readonly SafeHandle _handle;
    private bool _held;

    /// <summary>Takes the reference.</summary>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public HeldDescriptor(SafeHandle handle)
    {
        _handle = handle;
        handle.DangerousAddRef(ref _held);
        Fd = (int)handle.DangerousGetHandle();
    }

    /// <summary>The descriptor number.</summary>
    public int Fd { get; }

    /// <summary>Lets the reference go.</summary>
    public void Dispose()
    {
        if (_held)
            _handle.DangerousRelease();
        _held = false;
    }
}
