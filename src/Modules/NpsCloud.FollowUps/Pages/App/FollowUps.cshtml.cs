using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Features.Cases;
using NpsCloud.FollowUps.Features.Push;

namespace NpsCloud.FollowUps.Pages.App;

/// <summary>
/// The follow-up inbox: overdue cases first, then the rest, newest first. A department head starts with
/// their own cases and only ever sees their departments'; owners and admins see every department. Each
/// row says who answered, the score, the first words of the comment, the department, how old the case is
/// and when it is due, in the company's time zone.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class FollowUpsModel(IMediator mediator, ITenantContext tenant, TimeProvider clock, IStringLocalizer<FollowUpsText> text, WebPushKeys pushKeys) : FormPageModel
{
    public const string Mine = "mine";
    public const string Everyone = "all";

    /// <summary>How much of a comment a row shows.</summary>
    public const int CommentPreviewLength = 90;

    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    /// <summary>A case's confirmation when the case page sent the person back here (a case moved out of their departments).</summary>
    [TempData] public string? Flash { get; set; }

    /// <summary>One row: the case and what tells it apart from the others.</summary>
    public sealed record Row(CaseView Case, string Person, string? Comment, string Department, DateTimeOffset DueAt, string Age);

    /// <summary>Past their due time and nobody contacted the person: shown above everything else (on the first page).</summary>
    public IReadOnlyList<Row> Overdue { get; private set; } = [];

    public IReadOnlyList<Row> Others { get; private set; } = [];

    public string? Next { get; private set; }

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    /// <summary>The install's VAPID public key, which the browser binds this phone's push subscription to.</summary>
    public string PushPublicKey { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Scope ??= User.Can(Permission.SeeAllDepartments) ? Everyone : Mine;
        Departments = await mediator.Send(new ListDepartmentInfos(), cancellationToken);
        PushPublicKey = await pushKeys.PublicKeyAsync(cancellationToken);
        var filter = new CaseFilter(string.IsNullOrEmpty(Status) ? null : Status, DepartmentId, Scope == Mine ? tenant.UserId : null);
        IReadOnlyList<CaseView> overdue = [];
        Page<CaseView> others = new([], null);
        await TrySendAsync(async () =>
        {
            if (Cursor is null) overdue = (await mediator.Send(new ListCases.Query(filter with { Overdue = true }, 100, null), cancellationToken)).Items;
            others = await mediator.Send(new ListCases.Query(filter with { Overdue = false }, 50, Cursor), cancellationToken);
        }, formPrefix: "");
        Next = others.Next;

        var cases = overdue.Concat(others.Items).ToList();
        var contactIds = cases.Where(c => c.ContactId is not null).Select(c => c.ContactId!.Value).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? new Dictionary<Guid, ContactInfo>() : await mediator.Send(new FindContacts(contactIds, OfVisibleRows: true), cancellationToken);
        var answers = cases.Count == 0 ? new Dictionary<Guid, ResponseSummary>() : await mediator.Send(new FindAnswersOfCases(cases.Select(c => c.ResponseId).ToList()), cancellationToken);
        var now = clock.GetUtcNow();
        Row RowOf(CaseView c) => new(
            c,
            c.ContactId is { } id && contacts.TryGetValue(id, out var contact) && contact.Email is { } email ? contact.Name is { Length: > 0 } name ? name : email : text["Case.Anonymous"],
            Preview(answers.GetValueOrDefault(c.ResponseId)?.Comment),
            DepartmentName(c.DepartmentId),
            c.DueAt,
            Age(now - c.OpenedAt));
        Overdue = overdue.Select(RowOf).ToList();
        Others = others.Items.Select(RowOf).ToList();
    }

    /// <summary>The first words of a comment, cut at a word and marked as cut.</summary>
    public static string? Preview(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) return null;
        var flat = string.Join(' ', comment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= CommentPreviewLength) return flat;
        var cut = flat.LastIndexOf(' ', CommentPreviewLength);
        return flat[..(cut > CommentPreviewLength / 2 ? cut : CommentPreviewLength)] + "…";
    }

    private string Age(TimeSpan age) =>
        age.TotalHours < 1 ? text["Age.Minutes", Math.Max(0, (int)age.TotalMinutes)]
        : age.TotalDays < 2 ? text["Age.Hours", (int)age.TotalHours]
        : text["Age.Days", (int)age.TotalDays];

    public string DepartmentName(Guid? id) => id is null ? "—" : Departments.FirstOrDefault(d => d.Id == id)?.Name ?? "—";

    /// <summary>The departments the filter offers: those the person may see.</summary>
    public IEnumerable<DepartmentInfo> VisibleDepartments => Departments.Where(d => tenant.CanSee(d.Id));

    public Dictionary<string, string?> Query(string? cursor = null) => new()
    {
        ["scope"] = Scope, ["status"] = Status, ["departmentId"] = DepartmentId?.ToString(), ["cursor"] = cursor,
    };
}
