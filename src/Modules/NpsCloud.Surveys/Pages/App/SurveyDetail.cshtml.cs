using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>A survey's page: its sending figures, status actions, audience (or the request call), and who has not answered.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class SurveyDetailModel(IMediator mediator, PublicLinks links, ITenantContext tenant) : FormPageModel
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <summary>A moment as the company's clocks show it.</summary>
    public string Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _zone).ToString("d MMM yyyy HH:mm");

    public SurveyView Survey { get; private set; } = null!;
    public GetSurveyStats.Stats Stats { get; private set; } = null!;
    public IReadOnlyList<ListMembers.Member> Members { get; private set; } = [];
    public IReadOnlyList<ListNonResponders.NonResponder> NonResponders { get; private set; } = [];
    public bool CanManage => User.IsManager();
    public Uri ApiBase => links.Base;

    /// <summary>The status changes this survey allows now.</summary>
    public IEnumerable<string> Actions => Survey.Status switch
    {
        "draft" or "paused" => ["activate", "archive"],
        "active" => ["pause", "archive"],
        _ => [],
    };

    public Task OnGetAsync(Guid id) => LoadAsync(id);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string action)
    {
        if (!CanManage) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new ChangeSurveyStatus.Command(id, action), HttpContext.RequestAborted))) return RedirectToPage(new { id });
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAddMembersAsync(Guid id, string? emails)
    {
        if (!CanManage) return Forbid();
        var addresses = (emails ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (await TrySendAsync(() => mediator.Send(new AddMembers.Command(id, new MembersInput(addresses, null)), HttpContext.RequestAborted)))
        {
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        _zone = TimeZoneInfo.FindSystemTimeZoneById((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone);
        Survey = await mediator.Send(new GetSurvey.Query(id), cancellationToken);
        Stats = await mediator.Send(new GetSurveyStats.Query(id), cancellationToken);
        if (Survey.Kind == "relationship") Members = (await mediator.Send(new ListMembers.Query(id, 100, null), cancellationToken)).Items;
        NonResponders = (await mediator.Send(new ListNonResponders.Query(id, 50, null), cancellationToken)).Items;
    }
}
