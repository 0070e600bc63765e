using BenchmarkDotNet.Running;

// ./nps bench [BenchmarkDotNet arguments], e.g. ./nps bench --filter '*Pipeline*'.
// Every benchmark class has a baseline measured in the same run; the Ratio column is the figure to read.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
