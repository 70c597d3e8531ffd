using System.Text;
using Erofs.Mounting.Interop;

namespace Erofs.Mounting;

/// <summary>
/// The messages a file system context keeps for its caller: each read(2) of the fsopen descriptor returns
/// one line, "e TEXT" (error), "w TEXT" (warning) or "i TEXT" (information), and ENODATA once none is left.
/// </summary>
internal static unsafe class ContextLog
{
    // The kernel keeps the last 8; more would mean a read that never ends.
    private const int MaxMessages = 32;
    private const int BufferSize = 1024;

    /// <summary>Reads and removes every message, oldest first, trailing newlines removed.</summary>
    public static List<string> Drain(ContextHandle context)
    {
        var messages = new List<string>();
        using var held = new HeldDescriptor(context);
        byte* buffer = stackalloc byte[BufferSize];
        while (messages.Count < MaxMessages)
        {
            nint read = Libc.Read(held.Fd, buffer, BufferSize);
            if (read <= 0)
                break;
            messages.Add(Encoding.UTF8.GetString(buffer, (int)read).TrimEnd('\n').Replace('\n', ' '));
        }
        return messages;
    }

    /// <summary>
    /// The errors and warnings among <paramref name="messages"/>, as one line: the level letter and the
    /// "TYPE: " prefix dropped (the caller names the type), warnings marked; empty when there are none.
    /// </summary>
    public static string Words(IEnumerable<string> messages, string fileSystemType)
    {
        var words = new List<string>();
        foreach (string message in messages)
        {
            if (message.Length < 2 || message[1] != ' ' || message[0] is not ('e' or 'w'))
                continue;
            string text = message[2..];
            if (text.StartsWith(fileSystemType + ": ", StringComparison.Ordinal))
                text = text[(fileSystemType.Length + 2)..];
            words.Add(message[0] == 'w' ? "warning: " + text : text);
        }
        return string.Join("; ", words);
    }
}
