using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>Create or edit a survey, with the email previewed live in both languages beside the form.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class SurveyEditModel(IMediator mediator, ITenantContext tenant, IStringLocalizer<SurveysText> text, TimeProvider clock) : FormPageModel
{
    /// <summary>The ready templates a new survey can start from (<c>?template=</c>).</summary>
    public static readonly string[] Templates = [SurveyTemplates.Relationship, SurveyTemplates.Delivery];

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>A ready template to fill a new survey's form with, in the page's language.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    /// <summary>A department to preselect (from its page's next step).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    [BindProperty]
    public SurveyForm Form { get; set; } = new();

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    /// <summary>The company's touchpoints, the touchpoint field's choices by their labels.</summary>
    public TouchpointLabels Touchpoints { get; private set; } = TouchpointLabels.None;

    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The form's fields as a query string, for the preview frames' first load.</summary>
    public string PreviewQuery => QueryString.Create(Form.ToPreviewFields()).Value!.TrimStart('?');

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Id is { } id)
        {
            Form = SurveyForm.From(await mediator.Send(new GetSurvey.Query(id), HttpContext.RequestAborted));
            return;
        }

        var locale = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "tr" ? "tr" : "en";
        Form = SurveyTemplates.Fill(Template, locale, text, FirstWaveTomorrow()) ?? new SurveyForm { Locale = locale };
        if (DepartmentId is { } departmentId && Departments.Any(d => d.Id == departmentId)) Form.DepartmentId = departmentId;
    }

    /// <summary>Tomorrow at 10:00 in the company's time zone: a first wave the owner can keep or change.</summary>
    private DateTime FirstWaveTomorrow()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        return local.Date.AddDays(1).AddHours(10);
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
        Touchpoints = await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted);
        TimeZone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).TimeZone;
    }
}

/// <summary>
/// The ready templates of a new survey, worded in the page's language: a quarterly relationship survey,
/// and a transactional one after delivery with follow-up questions per category asked about the delivery.
/// </summary>
internal static class SurveyTemplates
{
    public const string Relationship = "relationship";
    public const string Delivery = "delivery";

    public static SurveyForm? Fill(string? template, string locale, IStringLocalizer<SurveysText> text, DateTime firstWaveAt) => template switch
    {
        Relationship => new SurveyForm
        {
            Name = text["Template.relationship.Name"],
            Kind = SurveyKinds.Relationship,
            Locale = locale,
            FollowUpQuestions = new SurveyForm.FollowUpForm
            {
                Promoter = text["Template.relationship.Promoter"], Passive = text["Template.relationship.Passive"], Detractor = text["Template.relationship.Detractor"],
            },
            ReminderAfterDays = 3,
            Cadence = Cadences.Quarterly,
            FirstWaveAt = firstWaveAt,
        },
        Delivery => new SurveyForm
        {
            Name = text["Template.delivery.Name"],
            Kind = SurveyKinds.Transactional,
            Locale = locale,
            Touchpoint = "delivery",
            Question = text["Template.delivery.Question"],
            FollowUpQuestions = new SurveyForm.FollowUpForm
            {
                Promoter = text["Template.delivery.Promoter"], Passive = text["Template.delivery.Passive"], Detractor = text["Template.delivery.Detractor"],
            },
            ReminderAfterDays = 2,
            LinkValidDays = 14,
        },
        _ => null,
    };
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

    /// <summary>The promoters' next step; an empty kind offers none.</summary>
    public PromoterStepForm PromoterStep { get; set; } = new();

    public sealed class PromoterStepForm
    {
        public string? Kind { get; set; }
        public string? Url { get; set; }
        public string? Label { get; set; }
    }

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
            : new ScheduleInput(Cadence == "days" ? EveryDays ?? 0 : null, Cadence == "days" ? null : Cadence, FirstWaveAt),
        string.IsNullOrEmpty(PromoterStep.Kind) ? null : new PromoterStepInput(PromoterStep.Kind, PromoterStep.Url ?? "", PromoterStep.Label));

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
        PromoterStep = new PromoterStepForm { Kind = survey.PromoterStep?.Kind, Url = survey.PromoterStep?.Url, Label = survey.PromoterStep?.Label },
    };

    public Dictionary<string, string?> ToPreviewFields() => new()
    {
        ["Question"] = Question,
        ["SurveyLocale"] = Locale,
        ["BrandColor"] = BrandColor,
        ["LogoUrl"] = LogoUrl,
    };
}
