namespace Erofs.Runtime.Store;

/// <summary>The rule for a domain's name: it names a directory of the store, and domains are trust boundaries.</summary>
public static class DomainName
{
    /// <summary>Longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Checks a name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (so "." and
    /// ".." are refused, and no name can be a path).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool valid = name.Length is > 0 and <= MaxLength
            && char.IsAsciiLetterOrDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return valid ? name : throw new ArgumentException(
            $"domain_id '{name}' is invalid: use 1 to {MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
