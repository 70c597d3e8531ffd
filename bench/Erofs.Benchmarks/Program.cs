using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Erofs.Benchmarks.ReaderBenchmarks).Assembly).Run(args);
