using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// <c>lzma_options_lzma</c> (lzma12.h, liblzma 5.4), 112 bytes on LP64. Filled by
/// <see cref="Liblzma.LzmaPreset"/>; EROFS then overrides <see cref="DictSize"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LzmaOptions
{
#pragma warning disable CS0169, CS0649 // reserved fields exist only to give the struct liblzma's layout
    /// <summary>dict_size: dictionary size in bytes (LZMA_DICT_SIZE_MIN = 4096).</summary>
    public uint DictSize;
    /// <summary>preset_dict: optional preset dictionary (NULL).</summary>
    public byte* PresetDict;
    /// <summary>preset_dict_size.</summary>
    public uint PresetDictSize;
    /// <summary>lc: literal context bits.</summary>
    public uint Lc;
    /// <summary>lp: literal position bits.</summary>
    public uint Lp;
    /// <summary>pb: position bits.</summary>
    public uint Pb;
    /// <summary>mode: LZMA_MODE_FAST (1) or LZMA_MODE_NORMAL (2).</summary>
    public int Mode;
    /// <summary>nice_len.</summary>
    public uint NiceLen;
    /// <summary>mf: match finder id.</summary>
    public int MatchFinder;
    /// <summary>depth: match finder cycles (0 = automatic).</summary>
    public uint Depth;
    /// <summary>ext_flags (LZMA1EXT only).</summary>
    public uint ExtFlags;
    /// <summary>ext_size_low (LZMA1EXT only).</summary>
    public uint ExtSizeLow;
    /// <summary>ext_size_high (LZMA1EXT only).</summary>
    public uint ExtSizeHigh;
    private uint _reservedInt4;
    private uint _reservedInt5;
    private uint _reservedInt6;
    private uint _reservedInt7;
    private uint _reservedInt8;
    private int _reservedEnum1;
    private int _reservedEnum2;
    private int _reservedEnum3;
    private int _reservedEnum4;
    private void* _reservedPtr1;
    private void* _reservedPtr2;
#pragma warning restore CS0169, CS0649
}
