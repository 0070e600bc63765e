using System.Diagnostics;
using System.Globalization;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// <c>./nps bench load [P1 P2 P3 P4 P5]</c>: the real host as its own process against a throwaway
/// PostgreSQL on this machine, each scenario next to a baseline measured in the same run (what the
/// database or the mail server does without NpsCloud in between). Prints the table at the end and writes
/// it to BenchmarkDotNet.Artifacts/load-results.md. Sizes and durations come from NPS_BENCH_* variables
/// (<see cref="BenchSettings"/>), so a quick run is <c>NPS_BENCH_QUICK=1 ./nps bench load</c>.
/// </summary>
public static class LoadProgram
{
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts")).FullName;

    private static readonly Dictionary<string, Func<ResultTable, Task>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P1"] = IngestionScenario.RunAsync,
        ["P2"] = ImportScenario.RunAsync,
        ["P3"] = MetricsScenario.RunAsync,
        ["P4"] = SendingScenario.RunAsync,
        ["P5"] = FollowUpLagScenario.RunAsync,
    };

    public static async Task<int> RunAsync(string[] names)
    {
        var unknown = names.Where(n => !Scenarios.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown scenario {string.Join(", ", unknown)}; the scenarios are {string.Join(" ", Scenarios.Keys)}.");
            return 2;
        }

        var chosen = names.Length > 0 ? names.Select(n => n.ToUpperInvariant()).Distinct().ToArray() : Scenarios.Keys.ToArray();
        var table = new ResultTable();
        var clock = Stopwatch.StartNew();
        var failed = false;
        var heading = $"Load benchmarks, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        var file = Path.Combine(ArtifactsDirectory, "load-results.md");
        Console.WriteLine($"// load benchmarks {string.Join(" ", chosen)} on {Environment.ProcessorCount} cores; settings: {BenchSettings.Describe()}");
        foreach (var name in chosen)
        {
            var started = clock.Elapsed;
            Console.WriteLine($"// ---- {name}");
            try
            {
                await Scenarios[name](table);
            }
            catch (Exception e)
            {
                failed = true;
                table.Add(name, "failed", e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "));
                Console.Error.WriteLine(e);
            }

            Console.WriteLine($"// ---- {name} took {clock.Elapsed - started:mm\\:ss}");
            // After each scenario, so a long run that is cut short keeps what it measured.
            await File.WriteAllTextAsync(file, table.Markdown(heading + " (partial)"));
        }

        table.Note($"Settings: {BenchSettings.Describe()}; {Environment.ProcessorCount} cores; the whole run took {clock.Elapsed:mm\\:ss}.");
        await File.WriteAllTextAsync(file, table.Markdown(heading));
        Console.WriteLine();
        Console.WriteLine(table.Plain());
        Console.WriteLine($"// written to {file}");
        return failed ? 1 : 0;
    }
}

/// <summary>Sizes and durations, each from an environment variable; NPS_BENCH_QUICK=1 shrinks the defaults for a smoke run.</summary>
public static class BenchSettings
{
    private static readonly bool Quick = Environment.GetEnvironmentVariable("NPS_BENCH_QUICK") is "1" or "true";

    /// <summary>P1: measured seconds per concurrency level, after the warm-up.</summary>
    public static int Seconds => Int("NPS_BENCH_SECONDS", Quick ? 4 : 15);

    public static int WarmUpSeconds => Int("NPS_BENCH_WARMUP_SECONDS", Quick ? 1 : 3);

    /// <summary>P1: the concurrency levels.</summary>
    public static int[] Connections => (Environment.GetEnvironmentVariable("NPS_BENCH_CONNECTIONS") ?? "4,8,16").Split(',').Select(int.Parse).ToArray();

    /// <summary>P1: how long to wait for the host's outbox to drain after a level before going on to the next.</summary>
    public static int DrainSeconds => Int("NPS_BENCH_DRAIN_SECONDS", Quick ? 60 : 180);

    /// <summary>P2: rows per import, and how many imports (each next to a COPY).</summary>
    public static int ImportRows => Int("NPS_BENCH_IMPORT_ROWS", Quick ? 20_000 : 200_000);

    public static int Repeats => Int("NPS_BENCH_REPEATS", Quick ? 1 : 3);

    /// <summary>P3: answers seeded before the metrics are read.</summary>
    public static int Responses => Int("NPS_BENCH_RESPONSES", Quick ? 50_000 : 1_000_000);

    /// <summary>P3: calls of each kind measured.</summary>
    public static int Queries => Int("NPS_BENCH_QUERIES", Quick ? 20 : 200);

    /// <summary>P4: members of the wave, and the baseline's concurrent SMTP connections (the host's sender sends one at a time).</summary>
    public static int Members => Int("NPS_BENCH_MEMBERS", Quick ? 500 : 20_000);

    public static int SmtpConcurrency => Int("NPS_BENCH_SMTP_CONCURRENCY", 1);

    /// <summary>P5: answers per second and seconds of load.</summary>
    public static int Rate => Int("NPS_BENCH_RATE", 100);

    public static int LagSeconds => Int("NPS_BENCH_LAG_SECONDS", Quick ? 10 : 60);

    public static string Describe() =>
        $"NPS_BENCH_SECONDS={Seconds} NPS_BENCH_WARMUP_SECONDS={WarmUpSeconds} NPS_BENCH_CONNECTIONS={string.Join(',', Connections)} NPS_BENCH_DRAIN_SECONDS={DrainSeconds} NPS_BENCH_IMPORT_ROWS={ImportRows} " +
        $"NPS_BENCH_REPEATS={Repeats} NPS_BENCH_RESPONSES={Responses} NPS_BENCH_QUERIES={Queries} NPS_BENCH_MEMBERS={Members} NPS_BENCH_SMTP_CONCURRENCY={SmtpConcurrency} " +
        $"NPS_BENCH_RATE={Rate} NPS_BENCH_LAG_SECONDS={LagSeconds}";

    private static int Int(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
