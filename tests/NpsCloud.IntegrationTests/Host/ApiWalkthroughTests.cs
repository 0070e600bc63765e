using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// The walkthrough in docs/api.md is what an integrator copies first, so it must work as written: every
/// shell block of its sections runs, in order, in one bash against a real host listening on a port
/// (only the address in the first block is changed), and each answer must have the fields of the
/// example printed under it.
/// </summary>
public sealed partial class ApiWalkthroughTests : IAsyncLifetime
{
    /// <summary>The sections of docs/api.md the walkthrough spans, in order.</summary>
    private static readonly string[] Sections = ["## Walkthrough", "## Sending surveys", "## Answers, figures and webhooks"];

    private const string DocumentedAddress = "http://127.0.0.1:5080";
    private const string Separator = "@@@ block done @@@";

    private TestDatabase _database = null!;
    private NpsAppFactory _app = null!;
    private string _address = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var port = Network.FreePort();
        _address = $"http://127.0.0.1:{port}";
        _app = new NpsAppFactory(_database)
            .WithSetting("PublicUrl", _address + "/")
            .WithSetting("Webhooks:AllowPrivate", "true");
        _app.UseKestrel(port);
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_curl_walkthrough_in_the_api_docs_runs_as_written()
    {
        var blocks = WalkthroughBlocks(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "api.md")));
        Assert.True(blocks.Count >= 15, $"Only {blocks.Count} shell blocks were found in the walkthrough.");
        Assert.Contains(DocumentedAddress, blocks[0].Command);

        var script = new StringBuilder("set -euo pipefail\n");
        foreach (var block in blocks)
        {
            script.AppendLine(block.Command.Replace(DocumentedAddress, _address));
            script.AppendLine($"echo '{Separator}'");
        }

        var (exitCode, output, errors) = await RunBashAsync(script.ToString());
        Assert.True(exitCode == 0, $"The walkthrough stopped with exit code {exitCode}.\n{errors}\n{output}");

        var answers = output.Split(Separator + "\n");
        Assert.Equal(blocks.Count + 1, answers.Length);
        for (var i = 0; i < blocks.Count; i++)
        {
            var (command, example, language) = blocks[i];
            var answer = answers[i].Trim();
            if (example is null) continue;
            if (language == "text")
            {
                Assert.True(example.Trim() == answer, $"The block\n{command}\nprinted\n{answer}\ninstead of\n{example}");
                continue;
            }

            using var expected = JsonDocument.Parse(example);
            using var actual = JsonDocument.Parse(answer);
            var differences = new List<string>();
            CompareFields(expected.RootElement, actual.RootElement, "$", differences);
            Assert.True(differences.Count == 0, $"The block\n{command}\nanswered\n{answer}\nwhich differs from its example: {string.Join("; ", differences)}");
        }
    }

    /// <summary>Each ```sh block of the walkthrough's sections, with the ```json or ```text example that follows it before the next command, if any.</summary>
    private static List<(string Command, string? Example, string? Language)> WalkthroughBlocks(string markdown)
    {
        var text = string.Concat(Sections.Select(heading =>
        {
            var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/api.md has no section '{heading}'.");
            var end = markdown.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
            return markdown[start..(end < 0 ? markdown.Length : end)];
        }));

        var blocks = new List<(string, string?, string?)>();
        foreach (Match fence in Fence().Matches(text))
        {
            var (language, body) = (fence.Groups[1].Value, fence.Groups[2].Value);
            if (language == "sh") blocks.Add((body, null, null));
            else if (blocks.Count > 0 && blocks[^1].Item2 is null && language is "json" or "text") blocks[^1] = (blocks[^1].Item1, body, language);
        }

        return blocks;
    }

    /// <summary>The example's fields must all be in the answer, with the same JSON kinds (null matching anything), and the answer must have no field the example lacks.</summary>
    private static void CompareFields(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null) return;
        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path} is {actual.ValueKind}, the example has {expected.ValueKind}");
            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
            var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
            differences.AddRange(expectedNames.Except(actualNames).Select(name => $"{path}.{name} is missing"));
            differences.AddRange(actualNames.Except(expectedNames).Select(name => $"{path}.{name} is not in the example"));
            foreach (var name in expectedNames.Intersect(actualNames)) CompareFields(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}", differences);
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            CompareFields(expected[0], actual[0], path + "[0]", differences);
        }

        static string Kind(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? "bool" : element.ValueKind.ToString();
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunBashAsync(string script)
    {
        var directory = Directory.CreateTempSubdirectory("nps-walkthrough-");
        try
        {
            var start = new ProcessStartInfo("bash", ["-c", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            using var bash = Process.Start(start)!;
            var output = bash.StandardOutput.ReadToEndAsync();
            var errors = bash.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await bash.WaitForExitAsync(timeout.Token);
            return (bash.ExitCode, await output, await errors);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
