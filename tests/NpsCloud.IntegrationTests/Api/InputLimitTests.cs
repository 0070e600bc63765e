using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;
using Xunit.Abstractions;

namespace NpsCloud.IntegrationTests.Api;

/// <summary>
/// Input that must never break us: control characters in single-line fields, huge import lines, too many
/// imports at once. The class runs alone (its collection disables parallelization), so the memory test's
/// working set is not inflated by other test classes' hosts running in the same process at the same time.
/// </summary>
[Collection(InputLimitTests.Alone)]
public sealed class InputLimitTests(InputLimitTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<InputLimitTests.Fixture>
{
    private static readonly string[] ControlCharacters = ["\n", "\r", "\u0000", "\u0007"];

    private static readonly (string Path, string Field, Func<string, object> Body)[] Endpoints =
    [
        ("/api/v1/signup", "companyName", name => new { companyName = name, name = "Owner", email = $"o-{Guid.NewGuid():N}@example.test", password = TenantApi.Password }),
        ("/api/v1/departments", "name", name => new { name }),
        ("/api/v1/surveys", "name", name => new { name, kind = "transactional", locale = "en" }),
        ("/api/v1/contacts", "name", name => new { email = $"c-{Guid.NewGuid():N}@example.test", name }),
        ("/api/v1/api-keys", "name", name => new { name, scopes = new[] { "api:read" } }),
        ("/api/v1/webhooks", "description", name => new { url = "https://hooks.example.test/nps", events = new[] { "response.recorded" }, description = name }),
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (path, _, _) in Endpoints)
        {
            foreach (var control in ControlCharacters) cases.Add(path, control);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_control_character_in_a_single_line_field_is_a_400_naming_the_field(string path, string control)
    {
        var (_, field, body) = Endpoints.Single(e => e.Path == path);
        var api = await fixture.ApiAsync();

        var response = await api.PostAsJsonAsync(path, body($"Kuzey{control}Şube"));

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{path}: no error for {field} in {errors}");
    }

    [Fact]
    public async Task A_comment_may_hold_line_breaks_and_tabs_but_not_nul()
    {
        var api = await fixture.ApiAsync();
        var survey = await SurveyApi.CreateAsync(api, new { name = "Store visit", kind = "transactional", locale = "en" });

        var accepted = await (await api.PostAsJsonAsync("/api/v1/responses",
            new { surveyId = survey, email = $"r-{Guid.NewGuid():N}@example.test", score = 9, comment = "Fast delivery.\r\n\tFriendly staff." })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Fast delivery.\r\n\tFriendly staff.", accepted.GetProperty("comment").GetString());

        var refused = await api.PostAsJsonAsync("/api/v1/responses", new { surveyId = survey, email = $"r-{Guid.NewGuid():N}@example.test", score = 9, comment = "bad\u0000byte" });
        Assert.True((await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task An_imported_row_with_a_line_break_in_its_email_is_rejected_by_line_and_field()
    {
        var api = await fixture.ApiAsync();
        var survey = await SurveyApi.CreateAsync(api, new { name = "History", kind = "transactional", locale = "en" });
        var lines = string.Join('\n',
            JsonSerializer.Serialize(new { surveyId = survey, email = "ok@example.test", score = 8, comment = "two\nlines" }),
            JsonSerializer.Serialize(new { surveyId = survey, email = "bad\r@example.test", score = 8 }));

        var result = await (await api.PostAsync("/api/v1/responses/import", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, result.GetProperty("imported").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal("email", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_json_line_over_64_kb_is_a_400_naming_the_line_and_imports_nothing()
    {
        var api = await fixture.ApiAsync();
        var survey = await SurveyApi.CreateAsync(api, new { name = "History", kind = "transactional", locale = "en" });
        var good = JsonSerializer.Serialize(new { surveyId = survey, email = "ok@example.test", score = 8 });
        var huge = JsonSerializer.Serialize(new { surveyId = survey, email = "ok@example.test", score = 8, comment = new string('a', 70 * 1024) });

        var response = await api.PostAsync("/api/v1/responses/import", new StringContent($"{good}\n{huge}\n{good}\n", Encoding.UTF8, "application/x-ndjson"));

        var message = Assert.Single((await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file").EnumerateArray()).GetString();
        Assert.Contains("Line 2", message);
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from responses.responses where survey_id = '{survey}'"));
    }

    /// <summary>
    /// A client that streams its uploads: the test client's redirect handler would buffer the whole
    /// request body in this process (to send it again after a redirect), which is not what a client does.
    /// </summary>
    private static HttpClient StreamingClient(NpsAppFactory app, string apiKey)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public const string Alone = "input limits, alone";

    [CollectionDefinition(Alone, DisableParallelization = true)]
    public sealed class AloneCollection;

    [Fact]
    public async Task A_200_mb_single_line_is_refused_while_the_hosts_working_set_grows_by_less_than_64_mb()
    {
        var api = StreamingClient(fixture.App, (await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        // The test host shares this process with the test runner and other classes' idle hosts, so what the
        // line may cost is the growth over the working set before it (a buffered 200 MB line costs 200 MB or more).
        var before = process.WorkingSet64;
        var peak = before;
        using var stop = new CancellationTokenSource();
        // The test host is in-process: the process's own working set is the host's.
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });

        var content = new StreamContent(new OneLongLine(200L * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await api.PostAsync("/api/v1/responses/import", content);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        await stop.CancelAsync();
        await sampler;

        Assert.Contains("Line 1", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        var grown = (peak - before) / (1024 * 1024);
        output.WriteLine($"The working set was {before / (1024 * 1024)} MB before the line, peaked at {peak / (1024 * 1024)} MB: {grown} MB more");
        Assert.True(grown < 64, $"The working set grew by {grown} MB (from {before / (1024 * 1024)} MB to {peak / (1024 * 1024)} MB)");
    }

    [Fact]
    public async Task A_third_import_at_once_is_a_429_with_retry_after_and_goes_through_once_one_ends()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = StreamingClient(fixture.App, company.ApiKey);
        var slots = fixture.App.Services.GetRequiredService<ImportSlots>();
        var first = new HeldCsv("first@example.test");
        var second = new HeldCsv("second@example.test");

        var running = new[] { ImportContactsAsync(api, first), ImportContactsAsync(api, second) };
        await Poll.UntilAsync(() => Task.FromResult(slots.Running(company.TenantId) == 2), "two imports running");

        var refused = await api.PostAsync("/api/v1/responses/import", new StringContent("", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal("rate_limited", (await refused.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("code").GetString());
        Assert.Equal(ImportSlots.RetryAfterSeconds.ToString(), refused.Headers.GetValues("Retry-After").Single());
        var refusedContacts = await api.PostAsync("/api/v1/contacts/import", new StringContent("email\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedContacts.StatusCode);

        first.Release();
        second.Release();
        foreach (var import in running) await (await import).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, slots.Running(company.TenantId));
        await (await api.PostAsync("/api/v1/contacts/import", new StringContent("email\n", Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> ImportContactsAsync(HttpClient api, HeldCsv csv)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return api.PostAsync("/api/v1/contacts/import", content);
    }

    /// <summary>A JSON line of the given length that is never held in memory: '{"comment":"aaaa…' made as it is read.</summary>
    private sealed class OneLongLine(long length) : Stream
    {
        private static readonly byte[] Start = "{\"comment\":\""u8.ToArray();
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Start.Length ? Start[at] : (byte)'a';
            }

            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A CSV upload that sends its header, then holds until released: an import that is still running.</summary>
    private sealed class HeldCsv(string email) : Stream
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private byte[] _pending = Encoding.UTF8.GetBytes($"email\n{email}\n");

        public void Release() => _released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.Length > 0)
            {
                var n = Math.Min(buffer.Length, _pending.Length);
                _pending.AsMemory(0, n).CopyTo(buffer);
                _pending = _pending[n..];
                return n;
            }

            await _released.Task.WaitAsync(cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public sealed class Fixture : AppFixture
    {
        private HttpClient? _api;

        /// <summary>One verified company's admin client for the tests that need no company of their own.</summary>
        public async Task<HttpClient> ApiAsync() => _api ??= App.WithKey((await TenantApi.SignUpAsync(App)).ApiKey);
    }
}
