using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Visibility;

/// <summary>
/// The department matrix: every operation of the OpenAPI document, called by a key limited to Support
/// with Billing's ids, and every page, opened and posted by Support's head, is refused (404 or 403) or,
/// for lists, exports and metrics, answers without any of Billing's data; afterwards Billing is unchanged.
/// A new endpoint or page needs a department rule (the first test names it) and, when it takes a body
/// that names Billing, a case in <see cref="ApiCases"/>.
/// </summary>
public sealed partial class DepartmentMatrixTests(DepartmentMatrixTests.Fixture fixture) : IClassFixture<DepartmentMatrixTests.Fixture>
{
    private DepartmentWorld World => fixture.World;

    [Fact]
    public async Task Every_endpoint_and_page_declares_what_a_caller_limited_to_departments_may_do()
    {
        var missing = new List<string>();
        foreach (var (endpoint, metadata) in await EndpointsAsync())
        {
            if (metadata.GetMetadata<DepartmentRuleAttribute>() is null) missing.Add(Describe(endpoint));
        }

        Assert.True(missing.Count == 0,
            "These endpoints have no department rule, so a department head or a department-limited key gets 403 from them. " +
            "Give each one: .WithDepartmentRule(DepartmentAccess.FilteredByDepartment | ManagersOnly | NoDepartmentData) on the endpoint or its group, " +
            "or [DepartmentRule(...)] on the page model (see docs/architecture.md, 'Who sees what'):\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task A_key_limited_to_support_is_refused_every_billing_operation_and_never_sees_billing_in_a_list()
    {
        // The key does see its own department: the refusals below are not the key failing altogether.
        Assert.Equal(HttpStatusCode.OK, (await World.SupportKey.GetAsync($"/api/v1/surveys/{World.Support.Survey}")).StatusCode);
        Assert.Contains(World.Support.ContactEmail, await World.SupportKey.GetStringAsync("/api/v1/contacts"));
        Assert.Contains(World.Support.Comment, await World.SupportKey.GetStringAsync("/api/v1/responses"));

        var document = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var failures = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.IsGet(o.Name) || HttpMethods.IsPost(o.Name)
                         || HttpMethods.IsPut(o.Name) || HttpMethods.IsPatch(o.Name) || HttpMethods.IsDelete(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                foreach (var failure in await CallAsync(name, operation.Name.ToUpperInvariant(), path.Name)) failures.Add($"{name}: {failure}");
            }
        }

        Assert.True(operations > 50, $"Only {operations} operations in the OpenAPI document");
        failures.AddRange((await World.BillingChangesAsync()).Select(change => "after the matrix: " + change));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Supports_head_is_refused_every_billing_page_and_form_and_never_sees_billing_on_a_page()
    {
        Assert.Contains(World.Support.SurveyName, await World.Head.GetStringAsync($"/app/surveys/{World.Support.Survey}"));
        var token = await AntiforgeryTokenAsync(World.Head);
        var loader = fixture.App.Services.GetRequiredService<PageLoader>();
        var failures = new List<string>();
        var pages = 0;
        foreach (var (endpoint, metadata) in await EndpointsAsync())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            pages++;
            var rule = metadata.GetMetadata<DepartmentRuleAttribute>()?.Access;
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var (path, failure) = PagePath(route);
            if (failure is not null)
            {
                failures.Add($"page {route}: {failure}");
                continue;
            }

            var opened = await World.Head.GetAsync(path);
            var body = await opened.Content.ReadAsStringAsync();
            var takesId = route.Contains("{id");
            if (takesId && opened.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) && !IsAccessDenied(opened))
            {
                failures.Add($"GET {path}: {(int)opened.StatusCode}, expected 404 or 403");
            }
            // The error page answers the status it describes (500 when it names none).
            else if ((int)opened.StatusCode >= 500 && rule != DepartmentAccess.NoDepartmentData) failures.Add($"GET {path}: {(int)opened.StatusCode}");

            if (World.LeakIn(body) is { } leak) failures.Add($"GET {path} shows Billing's {leak}");

            // Public pages (sign-in, answer links, the error page) hold no department's data, and posting
            // to them would sign the head out; every other page's forms are posted with Billing's ids.
            if (rule == DepartmentAccess.NoDepartmentData) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod == "POST"))
            {
                var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
                foreach (var parameter in handler.Parameters) fields[parameter.Name] = PageValue(route, parameter.Name);
                var url = path + (handler.Name is null ? "" : $"?handler={handler.Name}");
                var posted = await World.Head.PostAsync(url, new FormUrlEncodedContent(fields));
                var answer = await posted.Content.ReadAsStringAsync();
                var refused = posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                    || IsAccessDenied(posted)
                    || posted.StatusCode == HttpStatusCode.OK && !takesId; // a form shown again with its error
                if (!refused) failures.Add($"POST {url}: {(int)posted.StatusCode} {posted.Headers.Location}, expected a refusal");
                if (World.LeakIn(answer) is { } shown) failures.Add($"POST {url} shows Billing's {shown}");
            }
        }

        Assert.True(pages > 20, $"Only {pages} pages found");
        failures.AddRange((await World.BillingChangesAsync()).Select(change => "after the pages: " + change));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_key_limited_to_support_counts_only_supports_answers_and_cases_in_the_metrics()
    {
        // The rollups fill through the outbox: wait until the company-wide figures hold both departments' answers.
        await Poll.UntilAsync(async () => (await JsonOfAsync(World.Owner, "/api/v1/metrics")).GetProperty("responses").GetInt64() == 2,
            "both departments' answers in the company's metrics");

        var metrics = await JsonOfAsync(World.SupportKey, "/api/v1/metrics?groupBy=department");
        Assert.Equal(1, metrics.GetProperty("responses").GetInt64());
        Assert.Equal(1, metrics.GetProperty("detractors").GetInt64());
        Assert.DoesNotContain(World.Billing.Id.ToString(), metrics.GetProperty("groups").GetRawText());
        Assert.Equal(1, (await JsonOfAsync(World.SupportKey, "/api/v1/follow-ups/metrics")).GetProperty("opened").GetInt32());
        Assert.Equal(2, (await JsonOfAsync(World.Owner, "/api/v1/follow-ups/metrics")).GetProperty("opened").GetInt32());
    }

    private static async Task<JsonElement> JsonOfAsync(HttpClient client, string url) =>
        await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);

    /// <summary>One call of the matrix: the operation's cases with Billing's ids, and what is wrong with each answer.</summary>
    private async Task<List<string>> CallAsync(string name, string method, string template)
    {
        var failures = new List<string>();
        var (path, unknown) = ApiPath(template);
        if (unknown is not null) return [unknown];
        var takesId = template.Contains('{');

        List<ApiCase> cases;
        if (ApiCases(World).TryGetValue(name, out var listed)) cases = listed;
        else if (method == "GET") cases = [new ApiCase(), new ApiCase($"departmentId={World.Billing.Id}&surveyId={World.Billing.Id}")];
        else if (takesId) cases = [new ApiCase(Body: () => Json("{}"))];
        else return [$"no case in DepartmentMatrixTests.ApiCases for this {method} without an id: add one whose body names Billing's ids, with the refusal expected"];

        foreach (var @case in cases)
        {
            if (@case.Skip is not null) continue;
            var url = @case.Query is null ? path : $"{path}?{@case.Query}";
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = @case.Body?.Invoke() };
            var response = await World.SupportKey.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (@case.Expected is { } expected)
            {
                if (!expected.Contains(status)) failures.Add($"{url} answered {status}, expected {string.Join(" or ", expected)}: {Truncate(body)}");
            }
            else if (takesId && status is not (403 or 404)) failures.Add($"{url} answered {status}, expected 404 or 403: {Truncate(body)}");
            else if (status >= 500) failures.Add($"{url} answered {status}: {Truncate(body)}");

            if (@case.Check?.Invoke(body) is { } problem) failures.Add($"{url}: {problem}");
            if (World.LeakIn(body) is { } leak) failures.Add($"{url} gave away Billing's {leak}: {Truncate(body)}");
        }

        return failures;
    }

    /// <summary>A case of the matrix: a query, a body and the statuses a refusal may answer (null: 404/403 with an id, anything but 5xx without).</summary>
    private sealed record ApiCase(string? Query = null, Func<HttpContent>? Body = null, int[]? Expected = null, Func<string, string?>? Check = null, string? Skip = null);

    private static readonly int[] Refused = [403, 404];
    private static readonly int[] Forbidden = [403];

    /// <summary>The operations whose request names Billing in its body or query, with what a limited key must get.</summary>
    private static Dictionary<string, List<ApiCase>> ApiCases(DepartmentWorld world)
    {
        var billing = world.Billing;
        var support = world.Support;
        var email = $"someone-{Guid.NewGuid():N}@example.test";
        var csvIntoBilling = $"surveyId,email,score,departmentId\n{billing.Survey},{email},0,\n{support.Survey},{email},0,{billing.Id}\n";
        return new()
        {
            ["POST /api/v1/signup"] = [new ApiCase(Skip: "anonymous; makes a new company, holds no department's data")],
            ["POST /api/v1/surveys"] = [new ApiCase(Body: () => Json(new { name = "Sneaky", kind = "transactional", locale = "en", departmentId = billing.Id }), Expected: Refused),
                new ApiCase(Body: () => Json(new { name = "Nobody's", kind = "transactional", locale = "en" }), Expected: [400, 403, 404])],
            ["PATCH /api/v1/surveys/{id}"] = [new ApiCase(Body: () => Json(new { question = "Would you recommend Billing?" })),
                new ApiCase(Body: () => Json(new { departmentId = support.Id }))],
            ["POST /api/v1/surveys/{id}/members"] = [new ApiCase(Body: () => Json(new { emails = new[] { email } }))],
            ["PUT /api/v1/surveys/{id}/audience"] = [new ApiCase(Body: () => Json(new { mode = "members" }))],
            ["POST /api/v1/segments"] = [new ApiCase(Body: () => Json(new { name = "Everyone in İzmir", filters = new[] { new { property = "city", values = new[] { "İzmir" } } } }), Expected: Forbidden)],
            ["DELETE /api/v1/surveys/{id}/members"] = [new ApiCase(Body: () => Json(new { contactIds = new[] { billing.Contact } }))],
            ["POST /api/v1/surveys/{id}/requests"] = [new ApiCase(Body: () => Json(new { email }))],
            ["DELETE /api/v1/surveys/{id}/requests"] = [new ApiCase($"email={Uri.EscapeDataString(billing.ContactEmail)}")],
            ["POST /api/v1/contacts"] = [new ApiCase(Body: () => Json(new { email = billing.ContactEmail, name = "Renamed" }), Expected: Forbidden)],
            ["PATCH /api/v1/contacts/{id}"] = [new ApiCase(Body: () => Json(new { name = "Renamed" }))],
            ["POST /api/v1/contacts/import"] = [new ApiCase(Body: () => Csv($"email,name\n{billing.ContactEmail},Renamed\n"), Expected: Forbidden)],
            ["POST /api/v1/responses"] = [
                new ApiCase(Body: () => Json(new { surveyId = billing.Survey, email, score = 0, comment = "into Billing" }), Expected: Refused),
                new ApiCase(Body: () => Json(new { surveyId = support.Survey, email, score = 0, comment = "filed under Billing", departmentId = billing.Id }), Expected: Refused),
                new ApiCase(Body: () => Json(new { surveyId = support.Survey, contactId = billing.Contact, score = 0, comment = "about Billing's contact" }), Expected: [400, 404])],
            ["POST /api/v1/responses/import"] = [new ApiCase(Body: () => Csv(csvIntoBilling), Expected: [200],
                Check: body => JsonDocument.Parse(body).RootElement.GetProperty("imported").GetInt32() == 0 ? null : "imported rows into Billing")],
            ["POST /api/v1/responses/{id}/tags"] = [new ApiCase(Body: () => Json(new { tags = new[] { "leak" } }))],
            ["DELETE /api/v1/responses/{id}/tags"] = [new ApiCase(Body: () => Json(new { tags = new[] { "leak" } }))],
            ["POST /api/v1/responses/{id}/notes"] = [new ApiCase(Body: () => Json(new { text = "a note on Billing's answer" }))],
            ["POST /api/v1/departments"] = [new ApiCase(Body: () => Json(new { name = "Shadow" }), Expected: Forbidden)],
            ["PATCH /api/v1/departments/{id}"] = [new ApiCase(Body: () => Json(new { name = "Renamed" })), new ApiCase(Body: () => Json(new { headUserId = world.HeadId }))],
            ["POST /api/v1/goals"] = [new ApiCase(Body: () => Json(new { departmentId = billing.Id, targetNps = 10, periodStart = "2026-01-01", periodEnd = "2026-12-31" }), Expected: Refused)],
            ["PATCH /api/v1/goals/{id}"] = [new ApiCase(Body: () => Json(new { targetNps = 90 }))],
            ["PUT /api/v1/goals/review-schedule"] = [new ApiCase(Body: () => Json(new { cadence = "monthly" }), Expected: Forbidden)],
            ["POST /api/v1/follow-ups/{id}/assign"] = [new ApiCase(Body: () => Json(new { userId = world.HeadId }))],
            ["POST /api/v1/follow-ups/{id}/notes"] = [new ApiCase(Body: () => Json(new { text = "a note on Billing's case" }))],
            ["POST /api/v1/follow-ups/{id}/status"] = [new ApiCase(Body: () => Json(new { status = "contacted" }))],
            ["POST /api/v1/follow-ups/{id}/replies"] = [new ApiCase(Body: () => Json(new { body = "a reply on Billing's case" }))],
            ["POST /api/v1/follow-ups/{id}/calls"] = [new ApiCase(Body: () => Json(new { note = "a call on Billing's case" }))],
            ["POST /api/v1/follow-ups/{id}/move"] = [new ApiCase(Body: () => Json(new { departmentId = support.Id, reason = "ours now" }))],
            ["POST /api/v1/webhooks"] = [new ApiCase(Body: () => Json(new { url = "https://hooks.example.com/support", events = new[] { "response.created" } }), Expected: Forbidden)],
            ["POST /api/v1/chat-channels"] = [new ApiCase(Body: () => Json(new { kind = "teams", url = "https://teams.example.com/support", departmentId = billing.Id }), Expected: Forbidden)],
            ["POST /api/v1/api-keys"] = [new ApiCase(Body: () => Json(new { name = "wider", scopes = new[] { "read" } }), Expected: Forbidden)],
            ["POST /api/v1/users/invitations"] = [new ApiCase(Body: () => Json(new { email, role = "Admin" }), Expected: Forbidden)],
            ["PATCH /api/v1/tenant/settings"] = [new ApiCase(Body: () => Json(new { throttleDays = 1 }), Expected: Forbidden)],
            ["POST /api/v1/tenant/verification-email"] = [new ApiCase(Expected: Forbidden)],
            ["POST /api/v1/tenant/sender-domain/check"] = [new ApiCase(Expected: Forbidden)],
        };
    }

    /// <summary>The operation's path with Billing's ids in it, or why no id is known for a parameter.</summary>
    private (string Path, string? Failure) ApiPath(string template)
    {
        string? failure = null;
        var path = Parameter().Replace(template, match =>
        {
            var segment = template[..match.Index].TrimEnd('/');
            var owner = segment[(segment.LastIndexOf('/') + 1)..];
            var value = (match.Groups[1].Value, owner) switch
            {
                ("id", "surveys") => World.Billing.Survey.ToString(),
                ("id", "contacts") => World.Billing.Contact.ToString(),
                ("id", "responses") => World.Billing.Response.ToString(),
                ("id", "follow-ups") => World.Billing.Case.ToString(),
                ("id", "goals") => World.Billing.Goal.ToString(),
                ("id", "departments") => World.Billing.Id.ToString(),
                ("id", "webhooks") => World.Webhook.ToString(),
                ("id", "chat-channels") => World.BillingChatChannel.ToString(),
                ("id", "segments") => World.Segment.ToString(),
                ("widgetId", "widgets") => World.BillingWidget,
                ("deliveryId", _) => World.Delivery.ToString(),
                ("id", "api-keys") => World.SupportKeyId.ToString(),
                ("id", "users") => World.OwnerId.ToString(),
                ("id", "invitations") => World.PendingInvitation.ToString(),
                ("tag", _) => "vip",
                _ => null,
            };
            if (value is null) failure = $"no Billing id for {{{match.Groups[1].Value}}} after /{owner}: add one to DepartmentMatrixTests.ApiPath";
            return value ?? match.Value;
        });
        return (path, failure);
    }

    /// <summary>A page's address with Billing's ids in it.</summary>
    private (string Path, string? Failure) PagePath(string route)
    {
        string? failure = null;
        var path = PageParameter().Replace(route, match =>
        {
            var value = (match.Groups[1].Value, route) switch
            {
                ("id", _) when route.StartsWith("/app/surveys") => World.Billing.Survey.ToString(),
                ("id", _) when route.StartsWith("/app/responses") => World.Billing.Response.ToString(),
                ("id", _) when route.StartsWith("/app/follow-ups") => World.Billing.Case.ToString(),
                ("id", _) when route.StartsWith("/app/webhooks") => World.Webhook.ToString(),
                ("id", _) when route.StartsWith("/departments") => World.Billing.Id.ToString(),
                ("token", _) => "not-a-real-token",
                ("slug", _) => "NoSuchSlug00",
                _ => null,
            };
            if (value is null) failure = $"no Billing id for {match.Value}: add one to DepartmentMatrixTests.PagePath";
            return value ?? match.Value;
        });
        return (path, failure);
    }

    /// <summary>What a page's form sends for a handler parameter: Billing's ids, or a plausible value.</summary>
    private string PageValue(string route, string parameter) => parameter switch
    {
        "id" when route.StartsWith("/app/departments") => World.Billing.Id.ToString(),
        "id" when route.StartsWith("/app/api-keys") => World.SupportKeyId.ToString(),
        "id" => PagePath(route).Path.Split('/').Last(),
        "goalId" => World.Billing.Goal.ToString(),
        "deliveryId" => World.Delivery.ToString(),
        "status" => "contacted",
        "action" => "archive",
        "emails" => World.Billing.ContactEmail,
        "tag" => "vip",
        _ => "",
    };

    /// <summary>Every routed endpoint with its metadata as requests see it (a page's from its compiled descriptor, which carries the page model's attributes).</summary>
    private async Task<List<(RouteEndpoint Endpoint, EndpointMetadataCollection Metadata)>> EndpointsAsync()
    {
        var loader = fixture.App.Services.GetRequiredService<PageLoader>();
        var endpoints = new List<(RouteEndpoint, EndpointMetadataCollection)>();
        foreach (var endpoint in fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                endpoints.Add((endpoint, compiled.Endpoint?.Metadata ?? endpoint.Metadata));
            }
            else
            {
                endpoints.Add((endpoint, endpoint.Metadata));
            }
        }

        return endpoints;
    }

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } list ? string.Join(",", list) : "page";
        return $"  {methods} /{endpoint.RoutePattern.RawText?.TrimStart('/')} ({endpoint.DisplayName})";
    }

    /// <summary>A cookie session refused by policy is sent to the access-denied address (the app's home) or to sign in.</summary>
    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
        && (location.StartsWith("/app?ReturnUrl", StringComparison.Ordinal) || location.Contains("/app?ReturnUrl", StringComparison.Ordinal)
            || location.Contains("/login", StringComparison.Ordinal));

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/app/follow-ups");
        var token = Token().Match(page);
        Assert.True(token.Success, "No antiforgery token on the follow-ups page");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    private static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static StringContent Csv(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static string Truncate(string body) => body.Length > 300 ? body[..300] + "…" : body;

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex PageParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public sealed class Fixture : SmtpAppFixture
    {
        public DepartmentWorld World { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            World = await DepartmentWorld.CreateAsync(App, Smtp);
        }
    }
}
