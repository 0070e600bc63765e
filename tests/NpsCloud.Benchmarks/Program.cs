using BenchmarkDotNet.Running;
using NpsCloud.Benchmarks;
using NpsCloud.Benchmarks.Load;

// ./nps bench [BenchmarkDotNet arguments], e.g. ./nps bench --filter '*Pipeline*'.
// ./nps bench load [P1 P2 P3 P4 P5]: the load benchmarks against the real host (Load/LoadProgram.cs).
// Every benchmark has a baseline measured in the same run; the ratio is the figure to read.
if (args is ["load", .. var scenarios])
{
    return await LoadProgram.RunAsync(scenarios);
}

BenchmarkSwitcher.FromAssembly(typeof(MetricsBenchmarks).Assembly).Run(args);
return 0;
