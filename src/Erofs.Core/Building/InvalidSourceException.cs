namespace Erofs.Building;

/// <summary>
/// The builder's input is unusable: an unreadable file, a name over 255 bytes, a tar stream that
/// ends early or lies. The message is one line naming the path or archive offset.
/// </summary>
public sealed class InvalidSourceException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public InvalidSourceException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public InvalidSourceException(string message, Exception inner) : base(message, inner) { }
}
