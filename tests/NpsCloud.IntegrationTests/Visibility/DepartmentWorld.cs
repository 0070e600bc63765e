using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Visibility;

/// <summary>What one department holds: its survey, a contact it surveyed, a detractor's answer, the case it opened and a goal.</summary>
public sealed record DepartmentData(string Name, Guid Id, Guid Survey, string SurveyName, Guid Contact, string ContactEmail, Guid Response, string Comment, Guid Case, Guid Goal);

/// <summary>
/// One company with two departments, Destek (Support) and Faturalama (Billing), each with its own data;
/// a webhook with a delivery; a read-write key limited to Support; and Support's head, signed in.
/// </summary>
public sealed partial class DepartmentWorld
{
    public required HttpClient Owner { get; init; }
    public required Guid OwnerId { get; init; }
    public required DepartmentData Support { get; init; }
    public required DepartmentData Billing { get; init; }
    public required Guid Webhook { get; init; }
    public required Guid Delivery { get; init; }
    public required Guid SupportKeyId { get; init; }
    public required HttpClient SupportKey { get; init; }
    public required Guid HeadId { get; init; }
    public required Guid PendingInvitation { get; init; }
    public required string HeadEmail { get; init; }
    public required HttpClient Head { get; init; }

    /// <summary>A segment of the company (segments are company-wide: only managers may use them).</summary>
    public Guid Segment { get; init; }

    /// <summary>Billing's Teams channel (chat channels are managed by owners and admins only).</summary>
    public Guid BillingChatChannel { get; init; }

    /// <summary>A web widget of Billing's survey (its id is public, a string).</summary>
    public string BillingWidget { get; init; } = "";

    /// <summary>How many entries Billing's case history had before anyone else acted.</summary>
    public required int BillingCaseHistory { get; init; }

    /// <summary>Everything by which Billing's data could show up in an answer: ids, names, the address and the comment.</summary>
    public IEnumerable<string> BillingMarkers =>
    [
        Billing.Id.ToString(), Billing.Name, Billing.Survey.ToString(), Billing.SurveyName, Billing.Contact.ToString(), Billing.ContactEmail,
        Billing.Response.ToString(), Billing.Comment, Billing.Case.ToString(), Billing.Goal.ToString(), Webhook.ToString(), Delivery.ToString(), BillingChatChannel.ToString(),
    ];

    /// <summary>The first Billing marker an answer gives away, if any.</summary>
    public string? LeakIn(string body) => BillingMarkers.FirstOrDefault(marker => body.Contains(marker, StringComparison.OrdinalIgnoreCase));

    public static async Task<DepartmentWorld> CreateAsync(NpsAppFactory app, SmtpSink smtp)
    {
        var company = await TenantApi.SignUpAsync(app);
        var owner = app.WithKey(company.ApiKey);
        var ownerId = (await (await owner.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == company.Email).GetProperty("id").GetGuid();

        var supportId = await TenantApi.CreateDepartmentAsync(owner, "Destek");
        var billingId = await TenantApi.CreateDepartmentAsync(owner, "Faturalama");
        // Billing's head is the owner: a leak that changes heads shows as a changed head.
        await (await owner.PatchAsJsonAsync($"/api/v1/departments/{billingId}", new { headUserId = ownerId })).JsonAsync(HttpStatusCode.OK);

        var support = await SeedAsync(owner, "Destek", supportId, "Support survey", "support-customer", "The support desk never called back.");
        var billing = await SeedAsync(owner, "Faturalama", billingId, "Billing survey", "billing-customer", "Charged twice for one invoice.");

        var webhook = (await (await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/nps", events = new[] { "response.created" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var delivery = (await (await owner.PostAsync($"/api/v1/webhooks/{webhook}/test", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();

        var key = await (await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = "Support desk", scopes = new[] { "read", "write" }, departmentIds = new[] { supportId } }))
            .JsonAsync(HttpStatusCode.Created);

        var headEmail = $"support-head-{Guid.NewGuid():N}@example.test";
        await (await owner.PostAsJsonAsync("/api/v1/users/invitations", new { email = headEmail, role = "DepartmentHead", departmentIds = new[] { supportId } }))
            .JsonAsync(HttpStatusCode.Created);
        var invitation = await smtp.WaitForAsync(m => m.To.Contains(headEmail), "the department head's invitation");
        var head = app.CreateClient(new() { AllowAutoRedirect = false });
        var accepted = await TenantApi.PostFormAsync(head, new Uri(AcceptLink().Match(invitation.TextBody!).Value).PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = "Ece Kaya", ["Form.Password"] = "head of support desk" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var headId = (await (await owner.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == headEmail).GetProperty("id").GetGuid();
        await (await owner.PatchAsJsonAsync($"/api/v1/departments/{supportId}", new { headUserId = headId })).JsonAsync(HttpStatusCode.OK);

        var pending = (await (await owner.PostAsJsonAsync("/api/v1/users/invitations", new { email = $"pending-{Guid.NewGuid():N}@example.test", role = "Viewer" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var segment = (await (await owner.PostAsJsonAsync("/api/v1/segments", new { name = "İzmir", filters = new[] { new { property = "city", values = new[] { "İzmir" } } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var chatChannel = (await (await owner.PostAsJsonAsync("/api/v1/chat-channels", new { kind = "teams", url = "https://teams.example.com/billing", departmentId = billingId }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        return new DepartmentWorld
        {
            Segment = segment,
            BillingChatChannel = chatChannel,
            BillingWidget = (await (await owner.PostAsJsonAsync($"/api/v1/surveys/{billing.Survey}/widgets", new { allowedOrigins = new[] { "https://shop.example" } }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!,
            Owner = owner, OwnerId = ownerId, Support = support, Billing = billing, Webhook = webhook, Delivery = delivery,
            SupportKeyId = key.GetProperty("id").GetGuid(), SupportKey = app.WithKey(key.GetProperty("key").GetString()!),
            HeadId = headId, HeadEmail = headEmail, Head = head, PendingInvitation = pending,
            BillingCaseHistory = (await FollowUpApi.GetAsync(owner, billing.Case)).GetProperty("history").GetArrayLength(),
        };
    }

    private static async Task<DepartmentData> SeedAsync(HttpClient owner, string name, Guid department, string surveyName, string person, string comment)
    {
        var survey = await SurveyApi.ActiveTransactionalAsync(owner, new { name = surveyName, departmentId = department });
        var email = $"{person}-{Guid.NewGuid():N}@example.test";
        // A request makes the person the survey's invitee, which is what makes the contact the department's to see.
        await SurveyApi.RequestAsync(owner, survey, new { email, name = person, delaySeconds = 3600 });
        var contact = (await (await owner.GetAsync($"/api/v1/contacts?q={Uri.EscapeDataString(email)}")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        var response = (await ResponseApi.RecordAsync(owner, new { surveyId = survey, contactId = contact, score = 0, comment })).GetProperty("id").GetGuid();
        var followUp = (await FollowUpApi.WaitForCaseAsync(owner, response)).GetProperty("id").GetGuid();
        var goal = (await (await owner.PostAsJsonAsync("/api/v1/goals", new { departmentId = department, targetNps = 30, periodStart = "2026-01-01", periodEnd = "2026-12-31" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new DepartmentData(name, department, survey, surveyName, contact, email, response, comment, followUp, goal);
    }

    /// <summary>
    /// After a matrix run, Billing is as it was: its name and head, its survey's name, question and status,
    /// its contact not erased or unsubscribed, no answer added, its answer untagged, its case open, its
    /// goal active and the webhook in place. Answers what changed.
    /// </summary>
    public async Task<List<string>> BillingChangesAsync()
    {
        var changes = new List<string>();
        var department = await (await Owner.GetAsync($"/api/v1/departments/{Billing.Id}")).JsonAsync(HttpStatusCode.OK);
        if (department.GetProperty("name").GetString() != Billing.Name) changes.Add("Billing was renamed");
        if (department.TryGetProperty("archivedAt", out var archived) && archived.ValueKind != JsonValueKind.Null) changes.Add("Billing was archived");
        if (department.GetProperty("headUserId").GetString() != OwnerId.ToString()) changes.Add("Billing's head changed");

        var survey = await (await Owner.GetAsync($"/api/v1/surveys/{Billing.Survey}")).JsonAsync(HttpStatusCode.OK);
        if (survey.GetProperty("name").GetString() != Billing.SurveyName) changes.Add("Billing's survey was renamed");
        if (survey.GetProperty("status").GetString() != "active") changes.Add("Billing's survey changed status");
        if (survey.GetProperty("question").ValueKind != JsonValueKind.Null) changes.Add("Billing's survey question changed");

        var contact = await Owner.GetAsync($"/api/v1/contacts/{Billing.Contact}");
        if (contact.StatusCode != HttpStatusCode.OK) changes.Add("Billing's contact was erased");
        else if ((await contact.JsonAsync(HttpStatusCode.OK)).GetProperty("unsubscribedAt").ValueKind != JsonValueKind.Null) changes.Add("Billing's contact was unsubscribed");

        var answers = await ResponseApi.ListAsync(Owner, $"?departmentId={Billing.Id}");
        if (answers.Count != 1) changes.Add($"Billing has {answers.Count} answers instead of 1");
        var answer = await (await Owner.GetAsync($"/api/v1/responses/{Billing.Response}")).JsonAsync(HttpStatusCode.OK);
        if (answer.GetProperty("tags").GetArrayLength() != 0) changes.Add("Billing's answer was tagged");
        if (answer.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Array && notes.GetArrayLength() != 0) changes.Add("Billing's answer got a note");

        var followUp = await FollowUpApi.GetAsync(Owner, Billing.Case);
        if (followUp.GetProperty("case").GetProperty("status").GetString() != "open") changes.Add("Billing's case changed status");
        if (followUp.GetProperty("history").GetArrayLength() != BillingCaseHistory) changes.Add("Billing's case got history");

        var goal = await (await Owner.GetAsync($"/api/v1/goals/{Billing.Goal}")).JsonAsync(HttpStatusCode.OK);
        if (goal.GetProperty("archived").GetBoolean()) changes.Add("Billing's goal was archived");

        if ((await Owner.GetAsync($"/api/v1/webhooks/{Webhook}")).StatusCode != HttpStatusCode.OK) changes.Add("the webhook was deleted");
        if (!(await Owner.GetStringAsync("/api/v1/chat-channels")).Contains(BillingChatChannel.ToString())) changes.Add("Billing's chat channel was deleted");
        return changes;
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();
}
