using System.Runtime.InteropServices;
using Erofs.Fuse.Abi;

namespace Erofs.Tests.Fuse;

/// <summary>The wire structs have exactly the sizes of include/uapi/linux/fuse.h, and the ioctl numbers are the kernel's.</summary>
public sealed class AbiLayoutTests
{
    [Fact]
    public void StructSizesMatchTheKernelHeader()
    {
        Assert.Equal(40, Marshal.SizeOf<InHeader>());
        Assert.Equal(16, Marshal.SizeOf<OutHeader>());
        Assert.Equal(64, Marshal.SizeOf<InitIn>());
        Assert.Equal(64, Marshal.SizeOf<InitOut>());
        Assert.Equal(88, Marshal.SizeOf<Attr>());
        Assert.Equal(128, Marshal.SizeOf<EntryOut>());
        Assert.Equal(104, Marshal.SizeOf<AttrOut>());
        Assert.Equal(16, Marshal.SizeOf<GetattrIn>());
        Assert.Equal(80, Marshal.SizeOf<KStatfs>());
        Assert.Equal(8, Marshal.SizeOf<OpenIn>());
        Assert.Equal(16, Marshal.SizeOf<OpenOut>());
        Assert.Equal(40, Marshal.SizeOf<ReadIn>());
        Assert.Equal(24, Marshal.SizeOf<ReleaseIn>());
        Assert.Equal(24, Marshal.SizeOf<FlushIn>());
        Assert.Equal(24, Marshal.SizeOf<DirentHeader>());
        Assert.Equal(16, Marshal.SizeOf<BackingMap>());
        Assert.Equal(8, Marshal.SizeOf<GetxattrIn>());
        Assert.Equal(8, Marshal.SizeOf<GetxattrOut>());
        Assert.Equal(8, Marshal.SizeOf<AccessIn>());
        Assert.Equal(8, Marshal.SizeOf<ForgetIn>());
        Assert.Equal(16, Marshal.SizeOf<ForgetOne>());
        Assert.Equal(8, Marshal.SizeOf<BatchForgetIn>());
        Assert.Equal(8, Marshal.SizeOf<InterruptIn>());
    }

    [Fact]
    public void FieldOffsetsOfTheVersionedStructsMatch()
    {
        Assert.Equal(36, (int)Marshal.OffsetOf<InHeader>(nameof(InHeader.TotalExtLen)));
        Assert.Equal(16, (int)Marshal.OffsetOf<InitIn>(nameof(InitIn.Flags2)));
        Assert.Equal(28, (int)Marshal.OffsetOf<InitOut>(nameof(InitOut.MaxPages)));
        Assert.Equal(32, (int)Marshal.OffsetOf<InitOut>(nameof(InitOut.Flags2)));
        Assert.Equal(36, (int)Marshal.OffsetOf<InitOut>(nameof(InitOut.MaxStackDepth)));
        Assert.Equal(12, (int)Marshal.OffsetOf<OpenOut>(nameof(OpenOut.BackingId)));
        Assert.Equal(40, (int)Marshal.OffsetOf<EntryOut>(nameof(EntryOut.Attr)));
        Assert.Equal(60, (int)Marshal.OffsetOf<Attr>(nameof(Attr.Mode)));
    }

    [Fact]
    public void DeviceIoctlNumbersAreTheKernels()
    {
        Assert.Equal(0x8004E500u, DeviceIoctl.Clone);
        Assert.Equal(0x4010E501u, DeviceIoctl.BackingOpen);
        Assert.Equal(0x4004E502u, DeviceIoctl.BackingClose);
    }

    [Fact]
    public void PassthroughIsBitFiveOfFlags2()
    {
        Assert.Equal(1UL << 37, (ulong)FuseInitFlags.Passthrough);
        Assert.Equal(0x80u, (uint)FuseOpenFlags.Passthrough);
    }
}
