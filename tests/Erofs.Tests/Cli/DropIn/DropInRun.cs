using System.Text;
using Erofs.Cli.Commands;
using Erofs.Cli.DropIn;

namespace Erofs.Tests.Cli.DropIn;

/// <summary>Runs the binary's behaviour under an erofs-utils program name, in process, capturing what it writes.</summary>
internal static class DropInRun
{
    public sealed record Result(int Code, string Output, string Error, byte[] Binary);

    public static Result Run(string program, params string[] args)
    {
        var tool = DropInTools.ForProgram(program) ?? throw new ArgumentException($"no drop-in tool is named {program}");
        var output = new StringWriter();
        var error = new StringWriter();
        var binary = new MemoryStream();
        var context = new CommandContext(output, error, errorIsTerminal: false) { OpenOutputStream = () => new NonClosing(binary) };
        int code = tool.Run(args, context);
        return new Result(code, output.ToString(), error.ToString(), binary.ToArray());
    }

    /// <summary>The text a test expects on standard output when it reads the binary stream (--cat).</summary>
    public static string Text(this Result result) => Encoding.UTF8.GetString(result.Binary);

    public static string CorpusImage(string name) => Path.Combine(TestCorpus.Directory, name + ".erofs");

    // The command disposes what it writes to; the test still reads it afterwards.
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
