namespace Erofs.Tests.Cli.DropIn;

/// <summary>A corpus image copied behind <see cref="Offset"/> bytes of filler, as inside a disk or firmware image.</summary>
internal sealed class PrefixedImage : IDisposable
{
    public const int Offset = 8192;

    public PrefixedImage(string corpusImage)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"erofs-prefixed-{Guid.NewGuid():N}.img");
        using var file = File.Create(Path);
        file.Write(Enumerable.Repeat((byte)0xA5, Offset).ToArray());
        file.Write(File.ReadAllBytes(corpusImage));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
