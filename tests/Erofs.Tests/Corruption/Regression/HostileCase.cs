namespace Erofs.Tests.Corruption.Regression;

/// <summary>How a regression input is exercised.</summary>
internal enum Provoke
{
    /// <summary><c>ErofsImage.Open</c>.</summary>
    Open,
    /// <summary>fsck with all data read (<c>ImageChecker</c>); its issues are the outcome.</summary>
    Fsck,
    /// <summary>Resolve <see cref="HostileCase.Path"/> and read all of its data.</summary>
    Read,
    /// <summary>Resolve <see cref="HostileCase.Path"/> and list its xattrs.</summary>
    Xattrs,
    /// <summary>Resolve <see cref="HostileCase.Path"/> (decoding its inode).</summary>
    Resolve,
    /// <summary><c>TarArchive.Open</c> on the file.</summary>
    Tar,
    /// <summary>Read <see cref="HostileCase.Path"/> whole; the outcome is success (damage the format allows).</summary>
    ReadSucceeds,
}

/// <summary>
/// One named regression input: how it is made from a builder image, how it is exercised, and the
/// error it must give: the exception type, a phrase of the reason, and where (a regex the message matches).
/// </summary>
internal sealed record HostileCase(string File, string What, Provoke Provoke, string Path, Type Expected, string Reason, string Where, Func<byte[]> Make);
