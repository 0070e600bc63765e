using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.Sending;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>
/// A survey's page: its sending figures (live while a wave goes out), status actions, a test send to oneself,
/// sending a wave now, audience (or the request call), and who has not answered. Every action ends in a flash message.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class SurveyDetailModel(IMediator mediator, PublicLinks links, ITenantContext tenant, IStringLocalizer<SurveysText> text, CompanyTime time) : FormPageModel
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <summary>A moment as the company's clocks show it.</summary>
    public string Local(DateTimeOffset moment) => time.Format(moment);

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

    /// <summary>The company's time zone, named once on the page next to the times shown in it.</summary>
    public string ZoneName { get; private set; } = "UTC";

    /// <summary>The confirmation step of "send now" is open.</summary>
    public bool ConfirmSend { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(Guid id, bool confirmSend = false)
    {
        await LoadAsync(id);
        ConfirmSend = confirmSend && CanManage && CanSendNow;
    }

    /// <summary>Whether "send now" applies: a relationship survey that is not archived.</summary>
    public bool CanSendNow => Survey.Kind == "relationship" && Survey.Status != "archived";

    /// <summary>Whether a test may be sent (any survey that is not archived, drafts included).</summary>
    public bool CanSendTest => Survey.Status != "archived";

    /// <summary>The live counters, polled by /js/survey-live.js while anything is queued.</summary>
    public async Task<IActionResult> OnGetCountsAsync(Guid id)
    {
        var stats = await mediator.Send(new GetSurveyStats.Query(id), HttpContext.RequestAborted);
        return new JsonResult(new { queued = stats.Queued, sent = stats.Sent, failed = stats.Failed, answered = stats.Responded });
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string action)
    {
        if (!CanManage) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new ChangeSurveyStatus.Command(id, action), HttpContext.RequestAborted)))
        {
            Flash = text[$"Flash.{action}"];
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostSendTestAsync(Guid id)
    {
        if (!CanManage) return Forbid();
        SendTest.Sent? sent = null;
        var sentOk = await TrySendAsync(async () =>
        {
            try
            {
                sent = await mediator.Send(new SendTest.Command(id), HttpContext.RequestAborted);
            }
            catch (SendTest.LimitReached)
            {
                ErrorMessage = text["Flash.TestLimit", Domain.TestSend.DailyLimit];
            }
            catch (Exception e) when (e is not (OperationCanceledException or BuildingBlocks.Messaging.DomainException or BuildingBlocks.Messaging.RequestValidationException))
            {
                // The mail server refused or is down: said on the page, and nothing is stored.
                ErrorMessage = text["Flash.TestFailed"];
            }
        });
        if (sentOk && sent is not null)
        {
            Flash = text["Flash.TestSent", sent.Email];
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostSendNowAsync(Guid id)
    {
        if (!CanManage) return Forbid();
        SendWaveNow.Started? started = null;
        if (await TrySendAsync(async () => started = await mediator.Send(new SendWaveNow.Command(id), HttpContext.RequestAborted)))
        {
            Flash = text["Flash.WaveStarted", started!.Invited, started.Throttled];
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAddMembersAsync(Guid id, string? emails)
    {
        if (!CanManage) return Forbid();
        var addresses = (emails ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        AddMembers.Result? added = null;
        if (await TrySendAsync(async () => added = await mediator.Send(new AddMembers.Command(id, new MembersInput(addresses, null)), HttpContext.RequestAborted)))
        {
            // Nothing typed is dropped silently: the addresses that could not be added are named.
            Flash = added!.Rejected.Count == 0
                ? text["Flash.MembersAdded"]
                : text["Flash.MembersAddedWithRejected", added.Added, string.Join(", ", added.Rejected.Select(r => r.Email))];
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        ZoneName = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneName);
        Survey = await mediator.Send(new GetSurvey.Query(id), cancellationToken);
        Stats = await mediator.Send(new GetSurveyStats.Query(id), cancellationToken);
        if (Survey.Kind == "relationship") Members = (await mediator.Send(new ListMembers.Query(id, 100, null), cancellationToken)).Items;
        NonResponders = (await mediator.Send(new ListNonResponders.Query(id, 50, null), cancellationToken)).Items;
    }
}
