// The conformance tests drive Linux tools, the Linux kernel and Linux system calls.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
