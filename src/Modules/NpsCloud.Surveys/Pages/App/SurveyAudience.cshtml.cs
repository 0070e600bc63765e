using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Features.Audience;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.Segments;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>
/// A relationship survey's audience: whom it asks (members only, every subscribed contact or a segment),
/// how many the next wave would ask and hold back, and the ways to add members: typed addresses, a CSV,
/// contacts picked from the list. Every change ends in a message; a bad address or row is listed.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class SurveyAudienceModel(IMediator mediator, ITenantContext tenant, IStringLocalizer<SurveysText> text, CompanyTime time) : FormPageModel
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <summary>A message after a change that redirected here.</summary>
    [TempData]
    public string? Flash { get; set; }

    /// <summary>A message after a change shown on its own answer (its rejected lines are too long to carry over a redirect).</summary>
    public string? Notice { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public SurveyView Survey { get; private set; } = null!;
    public AudienceView? Audience { get; private set; }
    public IReadOnlyList<SegmentView> Segments { get; private set; } = [];
    public Page<ListMembers.Member> Members { get; private set; } = new([], null);
    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];
    public IReadOnlyList<AddMembers.RejectedAddress> Rejected { get; private set; } = [];
    public ImportMembers.Result? Imported { get; private set; }
    public string? TypedEmails { get; private set; }
    public bool CanManage => User.IsManager();
    public string ZoneName => time.City(_zone.Id);

    /// <summary>A moment as the company's clocks show it.</summary>
    public string Local(DateTimeOffset moment) => time.Format(moment);

    public Task OnGetAsync(Guid id) => LoadAsync(id);

    public async Task<IActionResult> OnPostModeAsync(Guid id, string? mode, Guid? segmentId)
    {
        if (!CanManage) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new SetAudience.Command(id, mode, mode == "segment" ? segmentId : null), HttpContext.RequestAborted), formPrefix: "Mode"))
        {
            Flash = text[$"Audience.Flash.Mode.{mode}"].Value;
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostSegmentAsync(Guid id, string? segmentName, string? segmentProperty, string? segmentValues, DateOnly? segmentCreatedAfter)
    {
        if (!CanManage) return Forbid();
        await LoadZoneAsync();
        var values = (segmentValues ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        SegmentFilterInput[] filters = string.IsNullOrWhiteSpace(segmentProperty) && values.Length == 0 ? [] : [new SegmentFilterInput(segmentProperty, values)];
        DateTimeOffset? after = segmentCreatedAfter is { } date ? AtLocalMidnight(date) : null;
        SegmentView? created = null;
        if (await TrySendAsync(async () =>
            {
                created = await mediator.Send(new CreateSegment.Command(segmentName, filters, after, null), HttpContext.RequestAborted);
                await mediator.Send(new SetAudience.Command(id, "segment", created.Id), HttpContext.RequestAborted);
            }, formPrefix: "Segment"))
        {
            var preview = await mediator.Send(new PreviewSegment.Query(created!.Id), HttpContext.RequestAborted);
            Flash = text["Audience.Flash.Segment", created.Name, preview.Matching].Value;
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? emails)
    {
        if (!CanManage) return Forbid();
        TypedEmails = emails;
        var addresses = (emails ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        AddMembers.Result? result = null;
        if (await TrySendAsync(async () => result = await mediator.Send(new AddMembers.Command(id, new MembersInput(addresses, null)), HttpContext.RequestAborted)))
        {
            Rejected = result!.Rejected;
            Notice = Rejected.Count == 0
                ? text["Audience.Flash.Added", result.Added, result.AlreadyMembers].Value
                : text["Audience.Flash.AddedWithRejected", result.Added, result.AlreadyMembers, Rejected.Count].Value;
            if (Rejected.Count == 0) TypedEmails = null;
        }
        else
        {
            // Nothing valid: every address is listed with its reason, none is dropped.
            Rejected = RejectedFromModelState(addresses);
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(Guid id, IFormFile? csv)
    {
        if (!CanManage) return Forbid();
        if (csv is null || csv.Length == 0)
        {
            ModelState.AddModelError("Csv", text["Audience.ChooseFile"]);
        }
        else
        {
            await using var stream = csv.OpenReadStream();
            if (await TrySendAsync(async () => Imported = await mediator.Send(new ImportMembers.Command(id, stream), HttpContext.RequestAborted), formPrefix: "Csv"))
            {
                Notice = text["Audience.Flash.Csv", Imported!.Added, Imported.Created, Imported.Updated, Imported.Rejected].Value;
            }
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostPickAsync(Guid id, Guid[]? contactIds, Guid[]? shown, string? all)
    {
        if (!CanManage) return Forbid();
        var picked = (all is not null ? shown : contactIds) ?? [];
        AddMembers.Result? result = null;
        if (await TrySendAsync(async () => result = await mediator.Send(new AddMembers.Command(id, new MembersInput(null, picked)), HttpContext.RequestAborted), formPrefix: "Pick"))
        {
            Flash = text["Audience.Flash.Added", result!.Added, result.AlreadyMembers].Value;
            return RedirectToPage(new { id, q = Q });
        }

        await LoadAsync(id);
        return Page();
    }

    private List<AddMembers.RejectedAddress> RejectedFromModelState(string[] addresses) =>
    [
        .. addresses.Select((address, i) => (address, Entry: ModelState.TryGetValue($"Form.Emails[{i}]", out var entry) ? entry : null))
            .Where(a => a.Entry is { Errors.Count: > 0 })
            .Select(a => new AddMembers.RejectedAddress(a.address, a.Entry!.Errors[0].ErrorMessage)),
    ];

    private DateTimeOffset AtLocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task LoadZoneAsync()
    {
        var zone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).TimeZone;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
    }

    private async Task LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        await LoadZoneAsync();
        Survey = await mediator.Send(new GetSurvey.Query(id), cancellationToken);
        if (Survey.Kind != "relationship") return;
        Audience = await mediator.Send(new GetAudience.Query(id), cancellationToken);
        Members = await mediator.Send(new ListMembers.Query(id, 100, Cursor), cancellationToken);
        if (!CanManage) return;
        Segments = (await mediator.Send(new ListSegments.Query(100, null), cancellationToken)).Items;
        Contacts = (await mediator.Send(new ListContacts.Query(Q, "active", 50, null), cancellationToken)).Items;
    }
}
