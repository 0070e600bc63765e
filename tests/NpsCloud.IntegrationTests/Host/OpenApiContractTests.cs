using System.Text;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// The OpenAPI document is the integrators' contract: every operation must say what it takes, what it
/// answers and how it fails, with examples, so a client can be generated from it and the reference at
/// /docs can be used without reading the code. Each gap is listed by operation.
/// </summary>
public sealed class OpenApiContractTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_api_operation_is_described_completely()
    {
        using var document = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var gaps = new List<string>();
        var operationIds = new HashSet<string>();
        var operations = 0;

        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/")))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                void Gap(string what) => gaps.Add($"{name}: {what}");
                var op = operation.Value;

                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) Gap("no summary");
                if (!op.TryGetProperty("operationId", out var id) || !operationIds.Add(id.GetString()!)) Gap("no unique operationId");

                if (op.TryGetProperty("requestBody", out var body))
                {
                    foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name.Contains("json")))
                    {
                        if (!media.Value.TryGetProperty("schema", out _)) Gap($"request {media.Name} without a schema");
                        if (!media.Value.TryGetProperty("example", out _)) Gap($"request {media.Name} without an example");
                    }
                }

                var responses = op.GetProperty("responses");
                var successes = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (successes.Count == 0) Gap("no success response");
                foreach (var success in successes.Where(s => s.Name != "204"))
                {
                    if (!success.Value.TryGetProperty("content", out var content))
                    {
                        Gap($"{success.Name} without content");
                        continue;
                    }

                    foreach (var media in content.EnumerateObject())
                    {
                        if (!media.Value.TryGetProperty("schema", out _)) Gap($"{success.Name} {media.Name} without a schema");
                        if (media.Name.Contains("json") && !media.Value.TryGetProperty("example", out _)) Gap($"{success.Name} {media.Name} without an example");
                    }
                }

                // Creating calls take an Idempotency-Key, except those whose answer must never be stored (a new API key) or that have no company yet.
                var creates = operation.Name == "post" && responses.TryGetProperty("201", out _);
                var idempotent = op.TryGetProperty("parameters", out var taken) && taken.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key");
                if (creates && !idempotent && path.Name is not ("/api/v1/signup" or "/api/v1/api-keys")) Gap("creates without taking an Idempotency-Key");

                var secured = op.TryGetProperty("security", out _);
                var paged = op.TryGetProperty("parameters", out var query) && query.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "cursor");
                foreach (var success in successes)
                {
                    var headers = success.Value.TryGetProperty("headers", out var h) ? h.EnumerateObject().Select(p => p.Name).ToList() : [];
                    if (secured && !headers.Contains("RateLimit-Remaining")) Gap($"{success.Name} without the RateLimit headers");
                    if (paged && !headers.Contains("Link")) Gap($"{success.Name} of a list without the Link header");
                }

                var expected = new List<string> { "429", "500" };
                if (secured) expected.AddRange(["401", "403"]);
                if (path.Name.Contains('{')) expected.Add("404");
                // A malformed id in the path matches no route (404); a body or a query parameter can be invalid.
                if (op.TryGetProperty("requestBody", out _)
                    || op.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "query"))
                {
                    expected.Add("400");
                }
                foreach (var status in expected.Where(s => !responses.TryGetProperty(s, out _))) Gap($"no {status} response");

                foreach (var error in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                {
                    if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem))
                    {
                        Gap($"{error.Name} is not described as application/problem+json");
                        continue;
                    }

                    if (!problem.TryGetProperty("schema", out _) || !problem.TryGetProperty("example", out _)) Gap($"{error.Name} without a problem schema and example");
                }

                if (!secured && !path.Name.EndsWith("/signup")) Gap("not secured by the API key scheme");
            }
        }

        // The events webhooks send, each with its payload's schema and an example.
        string[] events = ["response.created", "response.updated", "follow_up.created", "follow_up.status_changed", "goal.reviewed", "contact.unsubscribed"];
        var webhooks = root.GetProperty("webhooks");
        foreach (var type in events)
        {
            if (!webhooks.TryGetProperty(type, out var item)) { gaps.Add($"webhook {type}: not described"); continue; }
            var media = item.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            if (!media.TryGetProperty("schema", out _) || !media.TryGetProperty("example", out var example)) gaps.Add($"webhook {type}: no schema or example");
            else if (!example.TryGetProperty("data", out _) || example.GetProperty("type").ValueKind != JsonValueKind.String) gaps.Add($"webhook {type}: the example is not {{type, timestamp, data}}");
        }

        // And the whole document passes the OpenAPI library's own rules (references resolve, paths and responses are well formed).
        var read = await OpenApiDocument.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(root.GetRawText())), "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        gaps.AddRange(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(error => $"{error.Pointer}: {error.Message}") ?? []);

        Assert.True(operations >= 50, $"Only {operations} operations under /api/v1 were found.");
        Assert.True(gaps.Count == 0, $"{gaps.Count} gaps:\n" + string.Join('\n', gaps));
    }
}
