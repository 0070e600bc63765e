using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Features.Widgets;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>A survey's web widgets: the snippet to paste (with a copy button) and each widget's settings.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class SurveyWidgetModel(IMediator mediator, IStringLocalizer<SurveysText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The widget shown (the first when none is named); <c>new</c> for the form of another one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Widget { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty]
    public WidgetForm Form { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public SurveyView Survey { get; private set; } = null!;
    public IReadOnlyList<WidgetView> Widgets { get; private set; } = [];
    public WidgetView? Current { get; private set; }
    public bool ConfirmingDelete => Act == "delete" && Current is not null;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Current is not null) Form = WidgetForm.From(Current);
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        WidgetView? saved = null;
        var input = Form.ToInput();
        var sent = await TrySendAsync(async () => saved = Current is { } current
            ? await mediator.Send(new UpdateWidget.Command(current.Id, JsonMergePatch.From(input)), HttpContext.RequestAborted)
            : await mediator.Send(input with { SurveyId = Id }, HttpContext.RequestAborted));
        if (!sent) return Page();
        Flash = text[Current is null ? "Widget.Flash.Created" : "Widget.Flash.Saved"];
        return RedirectToPage(new { id = Id, widget = saved!.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        await LoadAsync();
        if (Current is null) return RedirectToPage(new { id = Id });
        if (!await TrySendAsync(() => mediator.Send(new DeleteWidget.Command(Current.Id), HttpContext.RequestAborted))) return Page();
        Flash = text["Widget.Flash.Deleted"];
        return RedirectToPage(new { id = Id, widget = (string?)null, act = (string?)null });
    }

    private async Task LoadAsync()
    {
        Survey = await mediator.Send(new GetSurvey.Query(Id), HttpContext.RequestAborted);
        Widgets = (await mediator.Send(new ListWidgets.Query(Id), HttpContext.RequestAborted)).Items;
        Current = Widget == "new" ? null : Widgets.FirstOrDefault(w => w.Id == Widget) ?? (Widget is null ? Widgets.FirstOrDefault() : null);
    }
}

/// <summary>The widget form: lists as one entry a line.</summary>
internal sealed class WidgetForm
{
    public string? AllowedOrigins { get; set; }
    public string Display { get; set; } = WidgetDisplays.Popup;
    public string? InlineSelector { get; set; }
    public string? PathPatterns { get; set; }
    public int DelaySeconds { get; set; } = 5;
    public int SamplingPercent { get; set; } = 100;
    public int SnoozeDaysAfterAnswer { get; set; } = 90;
    public int SnoozeDaysAfterDismiss { get; set; } = 7;
    public bool Enabled { get; set; } = true;

    public WidgetInput ToInput() => new(
        Lines(AllowedOrigins), Display, string.IsNullOrWhiteSpace(InlineSelector) || InlineSelector.Trim() == Domain.Widget.DefaultInlineSelector ? null : InlineSelector,
        Lines(PathPatterns), DelaySeconds, SamplingPercent, SnoozeDaysAfterAnswer, SnoozeDaysAfterDismiss, Enabled);

    public static WidgetForm From(WidgetView widget) => new()
    {
        AllowedOrigins = string.Join('\n', widget.AllowedOrigins),
        Display = widget.Display,
        InlineSelector = widget.InlineSelector,
        PathPatterns = string.Join('\n', widget.PathPatterns),
        DelaySeconds = widget.DelaySeconds,
        SamplingPercent = widget.SamplingPercent,
        SnoozeDaysAfterAnswer = widget.SnoozeDaysAfterAnswer,
        SnoozeDaysAfterDismiss = widget.SnoozeDaysAfterDismiss,
        Enabled = widget.Enabled,
    };

    private static List<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
