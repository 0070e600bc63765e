using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>Create or edit a survey, with the email previewed live in both languages beside the form.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class SurveyEditModel(IMediator mediator, ITenantContext tenant) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public SurveyForm Form { get; set; } = new();

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The form's fields as a query string, for the preview frames' first load.</summary>
    public string PreviewQuery => QueryString.Create(Form.ToPreviewFields()).Value!.TrimStart('?');

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Id is { } id) Form = SurveyForm.From(await mediator.Send(new GetSurvey.Query(id), HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var input = Form.ToInput();
        SurveyView? saved = null;
        var sent = await TrySendAsync(async () => saved = Id is { } id
            ? await mediator.Send(new UpdateSurvey.Command(id, Patch(input)), HttpContext.RequestAborted)
            : await mediator.Send(input, HttpContext.RequestAborted));
        return sent ? Redirect($"/app/surveys/{saved!.Id}") : Page();
    }

    /// <summary>Every editable field, so the form replaces them all (the kind never changes).</summary>
    private static JsonObject Patch(SurveyInput input)
    {
        var patch = JsonSerializer.SerializeToNode(input, JsonSerializerOptions.Web)!.AsObject();
        patch.Remove("kind");
        return patch;
    }

    private async Task LoadAsync()
    {
        Departments = await mediator.Send(new ListDepartmentInfos(), HttpContext.RequestAborted);
        TimeZone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).TimeZone;
    }
}

/// <summary>The survey form; the schedule is one select (none, a cadence, or every N days).</summary>
internal sealed class SurveyForm
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = SurveyKinds.Relationship;
    public string Locale { get; set; } = "tr";
    public Guid? DepartmentId { get; set; }
    public string? Touchpoint { get; set; }
    public string? Question { get; set; }
    public FollowUpForm FollowUpQuestions { get; set; } = new();
    public string BrandColor { get; set; } = Survey.DefaultBrandColor;
    public string? LogoUrl { get; set; }
    public int ReminderAfterDays { get; set; }
    public int LinkValidDays { get; set; } = 30;
    public string? Cadence { get; set; }
    public int? EveryDays { get; set; }
    public DateTime? FirstWaveAt { get; set; }

    public sealed class FollowUpForm
    {
        public string? Promoter { get; set; }
        public string? Passive { get; set; }
        public string? Detractor { get; set; }
    }

    public SurveyInput ToInput() => new(
        Name, Kind, Locale, DepartmentId, Touchpoint, Question,
        new FollowUpQuestions(FollowUpQuestions.Promoter, FollowUpQuestions.Passive, FollowUpQuestions.Detractor),
        BrandColor, LogoUrl, ReminderAfterDays, LinkValidDays,
        Kind != SurveyKinds.Relationship || string.IsNullOrEmpty(Cadence) ? null
            : new ScheduleInput(Cadence == "days" ? EveryDays ?? 0 : null, Cadence == "days" ? null : Cadence, FirstWaveAt));

    public static SurveyForm From(SurveyView survey) => new()
    {
        Name = survey.Name,
        Kind = survey.Kind,
        Locale = survey.Locale,
        DepartmentId = survey.DepartmentId,
        Touchpoint = survey.Touchpoint,
        Question = survey.Question,
        FollowUpQuestions = new FollowUpForm
        {
            Promoter = survey.FollowUpQuestions.Promoter, Passive = survey.FollowUpQuestions.Passive, Detractor = survey.FollowUpQuestions.Detractor,
        },
        BrandColor = survey.BrandColor,
        LogoUrl = survey.LogoUrl,
        ReminderAfterDays = survey.ReminderAfterDays,
        LinkValidDays = survey.LinkValidDays,
        Cadence = survey.Schedule is null ? null : survey.Schedule.Cadence ?? "days",
        EveryDays = survey.Schedule?.EveryDays,
        FirstWaveAt = survey.Schedule?.FirstWaveAt,
    };

    public Dictionary<string, string?> ToPreviewFields() => new()
    {
        ["Question"] = Question,
        ["SurveyLocale"] = Locale,
        ["BrandColor"] = BrandColor,
        ["LogoUrl"] = LogoUrl,
    };
}
