namespace Erofs.Cli.CommandLine;

/// <summary>Whether an option takes a value, mirroring getopt_long's <c>has_arg</c>.</summary>
public enum ArgumentKind
{
    /// <summary>The option never takes a value (<c>no_argument</c>).</summary>
    None,

    /// <summary>
    /// The option always takes a value (<c>required_argument</c>): attached (<c>-b4096</c>,
    /// <c>--name=value</c>) or as the next argument (<c>-b 4096</c>, <c>--name value</c>).
    /// </summary>
    Required,

    /// <summary>
    /// The option may take a value, but only attached (<c>optional_argument</c>):
    /// <c>-Evalue</c> or <c>--name=value</c>; the next argument is never consumed.
    /// </summary>
    Optional,
}
