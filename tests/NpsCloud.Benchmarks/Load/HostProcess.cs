using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// The real host (the Release build of NpsCloud.Host) as a process of its own against a throwaway
/// database, configured as production is (environment Production, its default log levels, intervals
/// and pools) except for the per-address and per-key rate limits, which a load test would hit at once.
/// Its own process so that its peak memory can be read from /proc and nothing of the load generator
/// shares its heap or thread pool.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private HostProcess(Process process, string baseUrl, string dataDirectory, Dictionary<string, string> environment, string logFile)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDirectory = dataDirectory;
        Environment = environment;
        LogFile = logFile;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public string LogFile { get; }

    private Dictionary<string, string> Environment { get; }

    public static string HostDll => Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host", "bin", "Release", "net10.0", "NpsCloud.Host.dll");

    public static async Task<HostProcess> StartAsync(TestDatabase database, string name, IDictionary<string, string>? settings = null)
    {
        if (!File.Exists(HostDll))
        {
            throw new InvalidOperationException($"{HostDll} is missing: build the host in Release first (./nps bench load does).");
        }

        var port = Network.FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("nps-bench-data-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__App"] = database.AppConnectionString,
            ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
            ["Database__MigrationsPath"] = RepositoryPaths.Migrations,
            ["DataDirectory"] = dataDirectory,
            ["DataProtection__KeyFile"] = TestKeyFile.Path,
            ["RateLimits__signupPerMinute"] = "100000",
            ["RateLimits__loginPerMinute"] = "100000",
            ["RateLimits__password-resetPerMinute"] = "100000",
            ["RateLimits__apiKeyPerMinute"] = "10000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key.Replace(":", "__")] = value;

        var logFile = Path.Combine(LoadProgram.ArtifactsDirectory, $"host-{name}.log");
        File.Delete(logFile);
        var process = Start(environment, logFile, "--urls", $"http://127.0.0.1:{port}");
        var host = new HostProcess(process, $"http://127.0.0.1:{port}", dataDirectory, environment, logFile);
        try
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"The host exited ({process.ExitCode}); see {logFile}.");
                try
                {
                    return (await probe.GetAsync($"{host.BaseUrl}/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, "the host to be ready", TimeSpan.FromMinutes(2));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// The host's output goes straight to a file (through a shell that execs the host, so the process id
    /// is the host's): the load generator never spends its CPU reading the host's logs.
    /// </summary>
    private static Process Start(Dictionary<string, string> environment, string logFile, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host"),
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" \"$@\" >>\"$NPS_BENCH_LOG\" 2>&1");
        start.ArgumentList.Add(HostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        // Nothing of the caller's NpsCloud settings (./nps exports NPS_DATA_DIR) may reach the host.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("NPS_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                     || k is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["NPS_BENCH_LOG"] = logFile;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
    }

    /// <summary>An operator command (<c>dotnet NpsCloud.Host.dll admin ...</c>) with this host's settings.</summary>
    public async Task AdminAsync(params string[] arguments)
    {
        using var process = Start(Environment, LogFile, ["admin", .. arguments]);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"admin {string.Join(' ', arguments)} failed ({process.ExitCode}); see {LogFile}.");
    }

    /// <summary>Peak resident memory since start or since <see cref="ResetPeakMemory"/> (VmHWM), in MB.</summary>
    public double PeakMemoryMegabytes() => ReadStatusKilobytes("VmHWM") / 1024.0;

    public double MemoryMegabytes() => ReadStatusKilobytes("VmRSS") / 1024.0;

    /// <summary>Starts the peak over (writing 5 to clear_refs resets VmHWM); false where the kernel does not allow it.</summary>
    public bool ResetPeakMemory()
    {
        try
        {
            File.WriteAllText($"/proc/{ProcessId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
            }
        }

        throw new InvalidOperationException($"No {field} in /proc/{ProcessId}/status.");
    }

    /// <summary>A client for one concurrency level: at most that many connections, kept open.</summary>
    public HttpClient Client(int connections = 64, string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = TimeSpan.FromMinutes(30),
        };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            // Nothing in a scenario stops the host: say so, since the scenario then fails with refused connections.
            Console.Error.WriteLine($"// the host (process {_process.Id}) had exited on its own with code {_process.ExitCode}; see {LogFile}");
        }
        else
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A company signed up through the API, with its admin key.</summary>
public sealed record BenchTenant(Guid TenantId, string ApiKey, string OwnerEmail, string OwnerPassword)
{
    public const string TimeZone = "Europe/Istanbul";

    public static async Task<BenchTenant> SignUpAsync(HostProcess host, string name)
    {
        using var client = host.Client(1);
        var email = $"owner-{Guid.NewGuid():N}@bench.example";
        const string password = "a long benchmark passphrase";
        var answer = await client.PostAsJsonAsync("/api/v1/signup", new { companyName = name, name = "Owner", email, password, locale = "en", timeZone = TimeZone });
        var company = await JsonAsync(answer);
        return new BenchTenant(company.GetProperty("tenantId").GetGuid(), company.GetProperty("apiKey").GetString()!, email, password);
    }

    public async Task<Guid> CreateSurveyAsync(HostProcess host, object survey, bool activate = true)
    {
        using var client = host.Client(1, ApiKey);
        var id = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/surveys", survey))).GetProperty("id").GetGuid();
        if (activate) await JsonAsync(await client.PostAsync($"/api/v1/surveys/{id}/activate", null));
        return id;
    }

    public async Task<List<Guid>> CreateDepartmentsAsync(HostProcess host, int count)
    {
        using var client = host.Client(1, ApiKey);
        var departments = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            departments.Add((await JsonAsync(await client.PostAsJsonAsync("/api/v1/departments", new { name = $"Department {i + 1}" }))).GetProperty("id").GetGuid());
        }

        return departments;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage answer)
    {
        var body = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri} answered {(int)answer.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
