using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>
/// Working a case to its end, through the API and the pages, with a real SMTP server and a fake clock:
/// replies by email, calls, reassigning, moving to another department, the person's earlier answers and
/// cases, and the inbox rows that tell cases apart.
/// </summary>
public sealed partial class CaseWorkflowTests(CaseWorkflowTests.Fixture fixture) : IClassFixture<CaseWorkflowTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private DateTimeOffset Now => fixture.App.Clock!.GetUtcNow();

    private sealed record Company(TenantApi.SignedUp SignedUp, HttpClient Api, Guid Survey, string Name);

    private async Task<Company> CompanyAsync()
    {
        var name = $"Mobilya {Guid.NewGuid():N}"[..16];
        var signedUp = await TenantApi.SignUpAsync(fixture.App, name);
        var api = fixture.App.WithKey(signedUp.ApiKey);
        return new Company(signedUp, api, await SurveyApi.ActiveTransactionalAsync(api), name);
    }

    /// <summary>A department head who accepted their invitation and signed in, and heads these departments.</summary>
    private async Task<(HttpClient Browser, Guid Id, string Email)> HeadAsync(Company company, string name, params Guid[] departments)
    {
        var email = Address("head");
        await (await company.Api.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "DepartmentHead", departmentIds = departments }))
            .JsonAsync(HttpStatusCode.Created);
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation email");
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var accepted = await TenantApi.PostFormAsync(browser, new Uri(AcceptLink().Match(invitation.TextBody!).Value).PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Password"] = "head of the department" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var id = (await (await company.Api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        foreach (var department in departments)
        {
            await (await company.Api.PatchAsJsonAsync($"/api/v1/departments/{department}", new { headUserId = id })).JsonAsync(HttpStatusCode.OK);
        }

        return (browser, id, email);
    }

    private async Task<HttpClient> OwnerBrowserAsync(Company company)
    {
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(browser, "/login",
            new Dictionary<string, string> { ["Form.Email"] = company.SignedUp.Email, ["Form.Password"] = company.SignedUp.Password })).StatusCode);
        return browser;
    }

    private static async Task NamedContactAsync(Company company, string email, string name) =>
        await (await company.Api.PostAsJsonAsync("/api/v1/contacts", new { email, name })).JsonAsync(HttpStatusCode.Created);

    private static async Task<Guid> OpenCaseAsync(Company company, object answer)
    {
        var responseId = (await ResponseApi.RecordAsync(company.Api, answer)).GetProperty("id").GetGuid();
        return (await FollowUpApi.WaitForCaseAsync(company.Api, responseId)).GetProperty("id").GetGuid();
    }

    /// <summary>Posts one of the case page's forms; answers the page it redirected to (with its flash message).</summary>
    private static async Task<(HttpResponseMessage Posted, string? Next)> PostCaseFormAsync(HttpClient browser, Guid caseId, string handler, Dictionary<string, string> fields)
    {
        var posted = await TenantApi.PostFormAsync(browser, $"/app/follow-ups/{caseId}", fields, $"/app/follow-ups/{caseId}?handler={handler}");
        var next = posted.StatusCode == HttpStatusCode.Redirect ? await browser.GetStringAsync(posted.Headers.Location!.OriginalString) : null;
        return (posted, next);
    }

    private static string? Flash(string page) => FlashPattern().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static List<JsonElement> History(JsonElement detail) => detail.GetProperty("history").EnumerateArray().ToList();

    [Fact]
    public async Task A_reply_from_the_case_page_goes_from_the_company_sender_with_reply_to_the_head_is_kept_in_the_history_and_is_the_first_contact()
    {
        var company = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(company.Api, "Destek");
        var head = await HeadAsync(company, "Ece Kaya", support);
        var person = Address("selin");
        await NamedContactAsync(company, person, "Selin Yılmaz");
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 2, comment = "Nobody called back.", departmentId = support });
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(5));
        var repliedAt = Now;

        var (posted, page) = await PostCaseFormAsync(head.Browser, caseId, "Reply", new()
        {
            ["Reply.Subject"] = "Your order",
            ["Reply.Body"] = "Hello Selin,\n\nWe are sorry. <b>A new table</b> is on its way.",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"Reply sent to {person}.", Flash(page!));
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(person) && m.Subject == "Your order", "the reply");
        Assert.Contains($"{company.Name} via NpsCloud", mail.From);
        Assert.Contains(head.Email, mail.Headers["Reply-To"]);
        Assert.Contains("A new table", mail.TextBody);
        Assert.Contains("Ece Kaya", mail.TextBody);
        Assert.Contains("&lt;b&gt;A new table&lt;/b&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<b>A new table", mail.HtmlBody);

        var detail = await FollowUpApi.GetAsync(company.Api, caseId);
        Assert.Equal("contacted", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(repliedAt, detail.GetProperty("case").GetProperty("firstContactedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var reply = History(detail).Single(h => h.GetProperty("kind").GetString() == "replied");
        Assert.Equal("Hello Selin,\n\nWe are sorry. <b>A new table</b> is on its way.", reply.GetProperty("text").GetString());
        Assert.Equal("Your order", reply.GetProperty("subject").GetString());
        Assert.Equal(person, reply.GetProperty("recipient").GetString());
        Assert.Equal("Ece Kaya", reply.GetProperty("actor").GetString());
        Assert.Equal(["opened", "replied", "status"], History(detail).Select(h => h.GetProperty("kind").GetString()));
        Assert.Contains("We are sorry. &lt;b&gt;A new table&lt;/b&gt; is on its way.", page);

        // A second reply is not a second first contact.
        fixture.App.Clock!.Advance(TimeSpan.FromHours(1));
        await (await company.Api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/replies", new { body = "Delivered?" })).JsonAsync(HttpStatusCode.Created);
        detail = await FollowUpApi.GetAsync(company.Api, caseId);
        Assert.Equal(repliedAt, detail.GetProperty("case").GetProperty("firstContactedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Single(History(detail), h => h.GetProperty("kind").GetString() == "status");
    }

    [Fact]
    public async Task An_api_reply_names_bad_fields_answers_to_the_companys_reply_to_and_is_capped_at_five_a_day_per_case()
    {
        var company = await CompanyAsync();
        var person = Address("api");
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 3, comment = "Slow." });
        var url = $"/api/v1/follow-ups/{caseId}/replies";

        var empty = await (await company.Api.PostAsJsonAsync(url, new { body = "  " })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _));
        var twoLines = await (await company.Api.PostAsJsonAsync(url, new { subject = "a\nb", body = "Hi" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(twoLines.GetProperty("errors").TryGetProperty("subject", out _));
        var huge = await (await company.Api.PostAsJsonAsync(url, new { body = new string('x', 10_001) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(huge.GetProperty("errors").TryGetProperty("body", out _));
        await (await company.Api.PostAsJsonAsync($"/api/v1/follow-ups/{Guid.NewGuid()}/replies", new { body = "Hi" })).JsonAsync(HttpStatusCode.NotFound);

        for (var i = 1; i <= 5; i++)
        {
            var sent = await (await company.Api.PostAsJsonAsync(url, new { body = $"Reply {i}" })).JsonAsync(HttpStatusCode.Created);
            Assert.Equal($"About your feedback to {company.Name}", sent.GetProperty("subject").GetString());
        }

        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(person) && m.TextBody!.Contains("Reply 1"), "the first reply");
        Assert.Contains(company.SignedUp.Email, mail.Headers["Reply-To"]);
        var capped = await (await company.Api.PostAsJsonAsync(url, new { body = "Reply 6" })).JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("reply_limit", capped.GetProperty("code").GetString());

        fixture.App.Clock!.Advance(TimeSpan.FromHours(25));
        await (await company.Api.PostAsJsonAsync(url, new { body = "Reply 7" })).JsonAsync(HttpStatusCode.Created);
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(person) && m.TextBody!.Contains("Reply 7"), "the reply of the next day");
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(person) && m.TextBody!.Contains("Reply 6"));
    }

    [Fact]
    public async Task An_anonymous_answer_cannot_be_replied_to_and_the_case_page_says_why()
    {
        var company = await CompanyAsync();
        var link = await OpenLinkApi.PutAsync(company.Api, company.Survey);
        await OpenLinkApi.AnswerAsync(OpenLinkApi.Visitor(fixture.App, "anonymous-visitor"), OpenLinkApi.PathOf(link.GetProperty("url").GetString()!), 1, "Anonymous and angry.");
        var caseId = Guid.Empty;
        await Poll.UntilAsync(async () =>
        {
            var cases = await FollowUpApi.ListAsync(company.Api);
            if (cases.Count == 0) return false;
            caseId = Assert.Single(cases).GetProperty("id").GetGuid();
            return true;
        }, "the anonymous answer's case");

        var refused = await (await company.Api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/replies", new { body = "Hello?" })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("anonymous", refused.GetProperty("detail").GetString());

        var owner = await OwnerBrowserAsync(company);
        var page = await owner.GetStringAsync($"/app/follow-ups/{caseId}");
        Assert.Contains("data-testid=\"no-reply\"", page);
        Assert.DoesNotContain("data-testid=\"reply-form\"", page);
        Assert.Equal("open", (await FollowUpApi.GetAsync(company.Api, caseId)).GetProperty("case").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_company_that_has_not_verified_its_address_cannot_reply_to_its_customers()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App, verified: false);
        var api = fixture.App.WithKey(signedUp.ApiKey);
        var company = new Company(signedUp, api, await SurveyApi.ActiveTransactionalAsync(api), "");
        var person = Address("unverified");
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 0, comment = "Awful." });

        var refused = await (await api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/replies", new { body = "Sorry!" })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("Verify your company's email address", refused.GetProperty("detail").GetString());
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(person));
        Assert.Equal(["opened"], History(await FollowUpApi.GetAsync(api, caseId)).Select(h => h.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Only_a_call_that_reached_the_person_counts_as_the_first_contact()
    {
        var company = await CompanyAsync();
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = Address("call"), score = 4, comment = "Meh." });
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(5));
        var url = $"/api/v1/follow-ups/{caseId}/calls";

        var noNote = await (await company.Api.PostAsJsonAsync(url, new { outcome = "reached" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("note", out _));
        var badOutcome = await (await company.Api.PostAsJsonAsync(url, new { note = "Rang", outcome = "maybe" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badOutcome.GetProperty("errors").TryGetProperty("outcome", out _));

        var missed = await (await company.Api.PostAsJsonAsync(url, new { note = "Rang twice.", outcome = "no_answer" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("no_answer", missed.GetProperty("callOutcome").GetString());
        var detail = await FollowUpApi.GetAsync(company.Api, caseId);
        Assert.Equal("open", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("case").GetProperty("firstContactedAt").ValueKind);

        fixture.App.Clock!.Advance(TimeSpan.FromHours(2));
        var calledAt = Now;
        var owner = await OwnerBrowserAsync(company);
        var (posted, page) = await PostCaseFormAsync(owner, caseId, "Call", new() { ["Call.Outcome"] = "reached", ["Call.Note"] = "Talked; a refund is on its way." });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Call logged (Reached the person).", Flash(page!));
        detail = await FollowUpApi.GetAsync(company.Api, caseId);
        Assert.Equal("contacted", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(calledAt, detail.GetProperty("case").GetProperty("firstContactedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(["opened", "called", "called", "status"], History(detail).Select(h => h.GetProperty("kind").GetString()));
        Assert.Equal("Talked; a refund is on its way.", History(detail)[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Moving_a_case_hands_it_to_the_new_departments_head_with_an_alert_and_the_head_who_moved_it_out_can_no_longer_open_it()
    {
        var company = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(company.Api, "Destek");
        var delivery = await TenantApi.CreateDepartmentAsync(company.Api, "Teslimat");
        var supportHead = await HeadAsync(company, "Ece Kaya", support);
        var deliveryHead = await HeadAsync(company, "Murat Demir", delivery);
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = Address("late"), score = 1, comment = "The sofa came three weeks late.", departmentId = support });
        var moveUrl = $"/api/v1/follow-ups/{caseId}/move";

        var noReason = await (await company.Api.PostAsJsonAsync(moveUrl, new { departmentId = delivery })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var noDepartment = await (await company.Api.PostAsJsonAsync(moveUrl, new { reason = "Late" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(noDepartment.GetProperty("errors").TryGetProperty("departmentId", out _));
        await (await company.Api.PostAsJsonAsync(moveUrl, new { departmentId = Guid.NewGuid(), reason = "Late" })).JsonAsync(HttpStatusCode.NotFound);
        await (await company.Api.PostAsJsonAsync(moveUrl, new { departmentId = support, reason = "Late" })).JsonAsync(HttpStatusCode.Conflict);

        // The form asks first, and says the head will lose the case.
        var asked = await TenantApi.PostFormAsync(supportHead.Browser, $"/app/follow-ups/{caseId}",
            new Dictionary<string, string> { ["Move.DepartmentId"] = delivery.ToString(), ["Move.Reason"] = "Delivery was late: theirs to fix." }, $"/app/follow-ups/{caseId}?handler=Move");
        var confirmation = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-testid=\"confirm-move\"", confirmation);
        Assert.Contains("data-testid=\"move-loses-sight\"", confirmation);
        Assert.Equal(support, (await FollowUpApi.GetAsync(company.Api, caseId)).GetProperty("case").GetProperty("departmentId").GetGuid());

        var moved = await TenantApi.PostFormAsync(supportHead.Browser, $"/app/follow-ups/{caseId}", new Dictionary<string, string>
        {
            ["Move.DepartmentId"] = delivery.ToString(), ["Move.Reason"] = "Delivery was late: theirs to fix.", ["confirmed"] = "true",
        }, $"/app/follow-ups/{caseId}?handler=Move");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("/app/follow-ups", moved.Headers.Location!.OriginalString);
        var inbox = await supportHead.Browser.GetStringAsync("/app/follow-ups?scope=all");
        Assert.Equal("Moved to Teslimat and assigned to Murat Demir, who was alerted by email. It is no longer in your departments, so it left your inbox and you can no longer open it.",
            Flash(inbox));
        Assert.DoesNotContain(caseId.ToString(), inbox);
        Assert.Equal(HttpStatusCode.NotFound, (await supportHead.Browser.GetAsync($"/app/follow-ups/{caseId}")).StatusCode);

        var detail = await FollowUpApi.GetAsync(company.Api, caseId);
        Assert.Equal(delivery, detail.GetProperty("case").GetProperty("departmentId").GetGuid());
        Assert.Equal(deliveryHead.Id, detail.GetProperty("case").GetProperty("assigneeUserId").GetGuid());
        var entry = History(detail).Single(h => h.GetProperty("kind").GetString() == "moved");
        Assert.Equal(support, entry.GetProperty("fromDepartmentId").GetGuid());
        Assert.Equal(delivery, entry.GetProperty("toDepartmentId").GetGuid());
        Assert.Equal("Delivery was late: theirs to fix.", entry.GetProperty("text").GetString());
        Assert.Equal("Ece Kaya", entry.GetProperty("actor").GetString());
        Assert.Equal(deliveryHead.Id, entry.GetProperty("userId").GetGuid());
        var alert = await fixture.Smtp.WaitForAsync(m => m.To.Contains(deliveryHead.Email) && m.Subject.StartsWith("Follow up:"), "the new head's alert");
        Assert.Contains($"/app/follow-ups/{caseId}", alert.TextBody);

        // The new department's head has it, with what the person said (filed under the old department) and where it came from.
        Assert.Contains(caseId.ToString(), await deliveryHead.Browser.GetStringAsync("/app/follow-ups"));
        var page = await deliveryHead.Browser.GetStringAsync($"/app/follow-ups/{caseId}");
        Assert.Contains("The sofa came three weeks late.", page);
        Assert.Contains("From Destek to Teslimat", page);
        Assert.Contains("Delivery was late: theirs to fix.", page);
        // A finished case stays where it was finished.
        await FollowUpApi.StatusAsync(company.Api, caseId, "resolved", "Refunded the delivery fee.");
        await (await company.Api.PostAsJsonAsync(moveUrl, new { departmentId = support, reason = "Back" })).JsonAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_case_page_shows_the_persons_earlier_answers_and_cases_of_only_the_departments_the_head_may_see()
    {
        var company = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(company.Api, "Destek");
        var billing = await TenantApi.CreateDepartmentAsync(company.Api, "Faturalama");
        var person = Address("returning");
        var first = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 4, comment = "Support was slow in May.", departmentId = support });
        await FollowUpApi.StatusAsync(company.Api, first, "resolved", "Apologised and upgraded.");
        fixture.App.Clock!.Advance(TimeSpan.FromDays(1));
        var invoice = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 3, comment = "Invoice was wrong.", departmentId = billing });
        fixture.App.Clock.Advance(TimeSpan.FromDays(1));
        var latest = await OpenCaseAsync(company, new { surveyId = company.Survey, email = person, score = 2, comment = "Support is slow again.", departmentId = support });
        // Signed in after the clock moved (a session idle for days has expired).
        var head = await HeadAsync(company, "Ece Kaya", support);

        var page = await head.Browser.GetStringAsync($"/app/follow-ups/{latest}");
        var earlier = page[page.IndexOf("data-testid=\"earlier\"", StringComparison.Ordinal)..];
        Assert.Contains("Support was slow in May.", earlier);
        Assert.Contains($"/app/follow-ups/{first}", earlier);
        Assert.Contains("Apologised and upgraded.", earlier);
        Assert.DoesNotContain("Invoice was wrong.", page);
        Assert.DoesNotContain(invoice.ToString(), page);

        var all = await FollowUpApi.GetAsync(company.Api, latest);
        Assert.Equal(["Invoice was wrong.", "Support was slow in May."], all.GetProperty("earlierAnswers").EnumerateArray().Select(a => a.GetProperty("comment").GetString()));
        Assert.Equal([invoice, first], all.GetProperty("earlierCases").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        // Earlier means earlier: the first case shows nothing that came after it.
        Assert.Contains("data-testid=\"no-earlier\"", await head.Browser.GetStringAsync($"/app/follow-ups/{first}"));
    }

    [Fact]
    public async Task Inbox_rows_show_the_person_score_comment_department_age_and_due_time_in_the_companys_time_zone()
    {
        var company = await CompanyAsync();
        await (await company.Api.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone = "Europe/Istanbul" })).JsonAsync(HttpStatusCode.OK);
        var support = await TenantApi.CreateDepartmentAsync(company.Api, "Destek");
        var billing = await TenantApi.CreateDepartmentAsync(company.Api, "Faturalama");
        var comment = "The delivery team left the old sofa in the hallway and nobody answered the phone for three whole days after that.";
        var namedEmail = Address("named");
        await NamedContactAsync(company, namedEmail, "Selin Yılmaz");
        var named = await OpenCaseAsync(company, new { surveyId = company.Survey, email = namedEmail, score = 3, comment, departmentId = support });
        var unnamedEmail = Address("unnamed");
        var unnamed = await OpenCaseAsync(company, new { surveyId = company.Survey, email = unnamedEmail, score = 5, comment = "Invoice wrong.", departmentId = billing });
        fixture.App.Clock!.Advance(TimeSpan.FromHours(3));
        var due = (await FollowUpApi.GetAsync(company.Api, named)).GetProperty("case").GetProperty("dueAt").GetDateTimeOffset();

        var owner = await OwnerBrowserAsync(company);
        var inbox = WebUtility.HtmlDecode(await owner.GetStringAsync("/app/follow-ups"));
        Assert.Contains("Times in Istanbul time (GMT+03:00)", inbox);
        var row = RowOf(inbox, named);
        Assert.Contains("Selin Yılmaz", row);
        Assert.Contains(">3</span>", row);
        Assert.Contains("“The delivery team left the old sofa in the hallway and nobody answered the phone for three…”", row);
        Assert.Contains("Destek", row);
        Assert.Contains("opened 3 h ago", row);
        Assert.Contains(">" + due.ToOffset(TimeSpan.FromHours(3)).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en")), row);
        var other = RowOf(inbox, unnamed);
        Assert.Contains(unnamedEmail, other);
        Assert.Contains("Faturalama", other);

        var filtered = await owner.GetStringAsync($"/app/follow-ups?departmentId={billing}");
        Assert.Contains(unnamed.ToString(), filtered);
        Assert.DoesNotContain(named.ToString(), filtered);
        Assert.DoesNotContain(named.ToString(), await owner.GetStringAsync("/app/follow-ups?status=contacted"));
        using var inTurkish = new HttpRequestMessage(HttpMethod.Get, "/app/follow-ups");
        inTurkish.Headers.AcceptLanguage.ParseAdd("tr");
        var turkish = WebUtility.HtmlDecode(await (await owner.SendAsync(inTurkish)).Content.ReadAsStringAsync());
        Assert.Contains("3 sa önce açıldı", turkish);
        Assert.Contains("Saatler İstanbul saatiyle (GMT+03:00)", turkish);
    }

    [Fact]
    public async Task Reassigning_from_the_case_page_offers_only_people_who_may_see_the_department_and_alerts_the_new_assignee()
    {
        var company = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(company.Api, "Destek");
        var billing = await TenantApi.CreateDepartmentAsync(company.Api, "Faturalama");
        var billingHead = await HeadAsync(company, "Murat Demir", billing);
        var supportHead = await HeadAsync(company, "Ece Kaya", support);
        var caseId = await OpenCaseAsync(company, new { surveyId = company.Survey, email = Address("assign"), score = 2, comment = "Broken.", departmentId = support });
        await (await company.Api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/assign", new { userId = supportHead.Id })).JsonAsync(HttpStatusCode.OK);
        var owner = await OwnerBrowserAsync(company);
        var ownerId = (await (await company.Api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == company.SignedUp.Email).GetProperty("id").GetGuid();

        var page = await supportHead.Browser.GetStringAsync($"/app/follow-ups/{caseId}");
        var picker = page[page.IndexOf("data-testid=\"assign-form\"", StringComparison.Ordinal)..page.IndexOf("data-testid=\"move-form\"", StringComparison.Ordinal)];
        Assert.Contains($"value=\"{ownerId}\"", picker);
        Assert.Contains($"value=\"{supportHead.Id}\"", picker);
        Assert.DoesNotContain($"value=\"{billingHead.Id}\"", picker);

        var (posted, next) = await PostCaseFormAsync(supportHead.Browser, caseId, "Assign", new() { ["AssignTo"] = ownerId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Assigned to Owner Person, who was alerted by email.", Flash(next!));
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.SignedUp.Email) && m.Subject.StartsWith("Follow up:") && m.TextBody!.Contains(caseId.ToString()), "the owner's alert");
        var refused = await TenantApi.PostFormAsync(owner, $"/app/follow-ups/{caseId}", new Dictionary<string, string> { ["AssignTo"] = billingHead.Id.ToString() },
            $"/app/follow-ups/{caseId}?handler=Assign");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("does not look after the case", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(ownerId, (await FollowUpApi.GetAsync(company.Api, caseId)).GetProperty("case").GetProperty("assigneeUserId").GetGuid());

        var (_, afterNote) = await PostCaseFormAsync(owner, caseId, "Note", new() { ["NewNote"] = "Will call tomorrow." });
        Assert.Equal("Note saved.", Flash(afterNote!));
        var (_, afterStatus) = await PostCaseFormAsync(owner, caseId, "Status", new() { ["status"] = "closed" });
        Assert.Equal("The case is now: Closed.", Flash(afterStatus!));
    }

    private static string RowOf(string inbox, Guid caseId)
    {
        var start = inbox.IndexOf($"data-case=\"{caseId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {caseId}");
        return inbox[start..inbox.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    [GeneratedRegex("data-testid=\"flash\">([^<]*)<")]
    private static partial Regex FlashPattern();

    public sealed class Fixture : SmtpAppFixture
    {
        // As FollowUpClockTests: the clock starts behind the database's, so events written at a moved clock are due at once.
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow.AddDays(-20));
    }
}
