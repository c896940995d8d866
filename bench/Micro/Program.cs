using BenchmarkDotNet.Running;
using Summit.Graph.Bench.Micro;

BenchmarkSwitcher.FromAssembly(typeof(TranslationBenchmarks).Assembly).Run(args);
