namespace Erofs.Reading;

/// <summary>An extended attribute: its full name and raw value.</summary>
/// <param name="Name">Full name, prefix included (for example <c>user.comment</c> or <c>system.posix_acl_access</c>).</param>
/// <param name="Value">Raw value bytes.</param>
/// <param name="IsHidden">True for names without a namespace prefix, which the kernel never lists (such as <c>erofs.fingerprint.v1</c>).</param>
/// <param name="IsShared">True when stored in the shared xattr area.</param>
public sealed record XattrEntry(string Name, byte[] Value, bool IsHidden, bool IsShared);
