namespace Erofs.Building.Source;

/// <summary>An extended attribute: its full name (e.g. <c>user.mime</c>, <c>system.posix_acl_access</c>) and raw value.</summary>
public sealed record SourceXattr(string Name, byte[] Value);
