using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.OpenLinks;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>A survey's open link: the address to share (copy, WhatsApp), its QR code to print, the kiosk address and the link's settings.</summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class SurveyShareModel(IMediator mediator, IStringLocalizer<SurveysText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty]
    public OpenLinkForm Form { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public SurveyView Survey { get; private set; } = null!;

    /// <summary>The survey's open link; null until it is created.</summary>
    public OpenLinkView? Link { get; private set; }

    public bool ConfirmingRenew => Act == "renew" && Link is not null;

    /// <summary>Hidden field values the QR code is drawn with (from the query: <c>?store=kadikoy</c>), by field name.</summary>
    public IReadOnlyDictionary<string, string> QrValues { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Link is not null) Form = OpenLinkForm.From(Link);
        QrValues = Link is null
            ? new Dictionary<string, string>()
            : Link.HiddenFields.ToDictionary(name => name, name => Request.Query[name] is { Count: 1 } value ? value[0] ?? "" : "", StringComparer.Ordinal);
    }

    /// <summary>The QR code as SVG or PNG; the query's hidden field values go into its address.</summary>
    public async Task<IActionResult> OnGetQrAsync(string? format)
    {
        // The page's own parameters are not hidden fields of the link.
        var cleaned = new QueryCollection(Request.Query
            .Where(parameter => parameter.Key is not ("handler" or "id"))
            .ToDictionary(parameter => parameter.Key, parameter => parameter.Value, StringComparer.Ordinal));
        try
        {
            var image = await mediator.Send(DrawOpenLinkQr.From(Id, cleaned) with { Format = format ?? "svg" }, HttpContext.RequestAborted);
            return File(image.Content, image.ContentType, image.FileName);
        }
        catch (RequestValidationException invalid)
        {
            // A value typed into the QR form that cannot go into the address (too long, a field the link lost).
            return BadRequest(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await LoadAsync();
        if (Link is not null) return RedirectToPage(new { id = Id });
        if (!await TrySendAsync(() => mediator.Send(new SetOpenLink.Command(Id, new SetOpenLink.Body()), HttpContext.RequestAborted))) return Page();
        Flash = text["Share.Flash.Created"];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        if (!await TrySendAsync(() => mediator.Send(new SetOpenLink.Command(Id, Form.ToBody()), HttpContext.RequestAborted))) return Page();
        Flash = text[Link is null ? "Share.Flash.Created" : "Share.Flash.Saved"];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRenewAsync()
    {
        await LoadAsync();
        if (Link is null) return RedirectToPage(new { id = Id, act = (string?)null });
        if (!await TrySendAsync(() => mediator.Send(new RenewOpenLinkAddress.Command(Id), HttpContext.RequestAborted))) return Page();
        Flash = text["Share.Flash.Renewed"];
        return RedirectToPage(new { id = Id, act = (string?)null });
    }

    private async Task LoadAsync()
    {
        Survey = await mediator.Send(new GetSurvey.Query(Id), HttpContext.RequestAborted);
        try
        {
            Link = await mediator.Send(new GetOpenLink.Query(Id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            // The survey was found above: what is missing is only its link, which this page offers to create.
            Link = null;
        }
    }
}

/// <summary>The open link's settings form: hidden fields as one name a line.</summary>
internal sealed class OpenLinkForm
{
    public bool Enabled { get; set; } = true;
    public bool CollectName { get; set; }
    public bool CollectEmail { get; set; }
    public bool OneAnswerPerPerson { get; set; }
    public int DailyCap { get; set; } = OpenLink.DefaultDailyCap;
    public string? HiddenFields { get; set; }

    public SetOpenLink.Body ToBody() => new(Enabled, CollectName, CollectEmail, OneAnswerPerPerson, DailyCap,
        (HiddenFields ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());

    public static OpenLinkForm From(OpenLinkView link) => new()
    {
        Enabled = link.Enabled,
        CollectName = link.CollectName,
        CollectEmail = link.CollectEmail,
        OneAnswerPerPerson = link.OneAnswerPerPerson,
        DailyCap = link.DailyCap,
        HiddenFields = string.Join('\n', link.HiddenFields),
    };
}
