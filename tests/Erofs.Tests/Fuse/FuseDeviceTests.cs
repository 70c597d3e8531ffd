using Erofs.Fuse.Protocol;
using Libc = Erofs.Fuse.Interop.Libc;

namespace Erofs.Tests.Fuse;

/// <summary>The device descriptor wrapper: once closed, late calls must not reach a descriptor reusing its number.</summary>
public sealed class FuseDeviceTests
{
    [Fact]
    public void ClosedDeviceAnswersEnodevOrEbadfAndNeverWritesToAReusedDescriptor()
    {
        string first = Path.GetTempFileName();
        string second = Path.GetTempFileName();
        try
        {
            var device = FuseDevice.Adopt(Libc.Open(first, Libc.ORdWr | Libc.OCloExec));
            Assert.Equal(0, device.Write("a"u8));
            device.Dispose();
            // open(2) takes the lowest free number, most often the one just closed.
            int other = Libc.Open(second, Libc.ORdWr | Libc.OCloExec);
            try
            {
                Assert.Equal(FuseDevice.ENODEV, device.Write("b"u8));
                Assert.Equal(-FuseDevice.ENODEV, device.Read(new byte[8]));
                // EBADF as an IOException, which callers disposing after the session already treat as harmless.
                Assert.Equal(9, Assert.Throws<IOException>(() => device.CloseBacking(1)).HResult);
            }
            finally
            {
                Libc.Close(other);
            }
            Assert.Equal("a", File.ReadAllText(first));
            Assert.Equal(0, new FileInfo(second).Length);
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }
}
