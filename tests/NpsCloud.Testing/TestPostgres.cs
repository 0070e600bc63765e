using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace NpsCloud.Testing;

/// <summary>
/// The PostgreSQL server of this test run: <c>NPS_TEST_DATABASE_URL</c> (a superuser connection, as
/// <c>./nps test</c> and CI provide), or else a throwaway local cluster this process starts and stops,
/// the way Testcontainers would with Docker.
/// </summary>
public sealed class TestPostgres
{
    private static readonly Lazy<Task<TestPostgres>> Shared = new(StartAsync);

    private TestPostgres(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    public static Task<TestPostgres> InstanceAsync() => Shared.Value;

    public string ConnectionString(string database, string? user = null, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true };
        if (user is not null)
        {
            builder.Username = user;
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    private static async Task<TestPostgres> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("NPS_TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new TestPostgres(NpsCloud.BuildingBlocks.Database.PostgresConnectionString.Normalize(configured));
        }

        return await ThrowawayCluster.StartAsync();
    }

    private static class ThrowawayCluster
    {
        public static async Task<TestPostgres> StartAsync()
        {
            var bin = FindBinaries();
            var directory = Directory.CreateTempSubdirectory("nps-test-pg-").FullName;
            var password = Guid.NewGuid().ToString("N");
            var passwordFile = Path.Combine(directory, "pw");
            await File.WriteAllTextAsync(passwordFile, password + "\n");
            var asRoot = Environment.UserName == "root";
            if (asRoot) await RunAsync("chown", "-R", "postgres:postgres", directory);

            var data = Path.Combine(directory, "data");
            await RunAsPostgresAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8");
            var port = Network.FreePort();
            await RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
                Directory.Delete(directory, recursive: true);
            };

            return new TestPostgres($"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Password={password}");
        }

        private static string FindBinaries()
        {
            foreach (var candidate in new[] { "/usr/local/bin" }.Concat(Directory.Exists("/usr/lib/postgresql")
                         ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                         : []))
            {
                if (File.Exists(Path.Combine(candidate, "initdb"))) return candidate;
            }

            throw new InvalidOperationException("No PostgreSQL server binaries (initdb) found: install PostgreSQL or set NPS_TEST_DATABASE_URL.");
        }


        // PostgreSQL refuses to run as root.
        private static Task RunAsPostgresAsync(bool asRoot, string program, params string[] arguments) =>
            asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

        private static async Task RunAsync(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
            }
        }
    }
}
