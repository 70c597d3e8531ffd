namespace Erofs.Runtime.Overlay;

/// <summary>An image overlayfs cannot show faithfully (e.g. a 0/0 character device, which it takes for a whiteout); the message names the entry.</summary>
public sealed class OverlayUnrepresentableException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public OverlayUnrepresentableException()
    {
    }

    /// <summary>Creates the exception with the one-line reason.</summary>
    public OverlayUnrepresentableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public OverlayUnrepresentableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
