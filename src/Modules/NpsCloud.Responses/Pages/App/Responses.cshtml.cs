using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Pages.App;

/// <summary>Responses with the API's filters, newest first; the same filters export the list as CSV.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class ResponsesModel(IMediator mediator) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DateTime? Since { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? Until { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? SurveyId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Touchpoint { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool? HasComment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    /// <summary>The export's format: machine (the default, as the API's) or excel (ADR 0041).</summary>
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public Page<ResponseView> Results { get; private set; } = new([], null);

    public IReadOnlyList<SurveyInfo> Surveys { get; private set; } = [];

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    /// <summary>The company's touchpoints: the filter's choices and the list's labels.</summary>
    public TouchpointLabels Touchpoints { get; private set; } = TouchpointLabels.None;

    public bool CanImport => User.IsManager();

    /// <summary>What the last change did (a deleted answer), shown once.</summary>
    [TempData] public string? Flash { get; set; }

    /// <summary>Dates in the form are whole days; the filter's until is exclusive, so it covers the day chosen.</summary>
    public ResponseFilter Filter => new(
        Since is { } since ? new DateTimeOffset(since.Date, TimeSpan.Zero) : null,
        Until is { } until ? new DateTimeOffset(until.Date.AddDays(1), TimeSpan.Zero) : null,
        SurveyId, DepartmentId, Touchpoint, Category, HasComment, Tag, Q);

    /// <summary>The current filters as query parameters (for the next page and the export link).</summary>
    public Dictionary<string, string?> FilterQuery => new()
    {
        ["since"] = Since?.ToString("yyyy-MM-dd"), ["until"] = Until?.ToString("yyyy-MM-dd"), ["surveyId"] = SurveyId?.ToString(),
        ["departmentId"] = DepartmentId?.ToString(), ["touchpoint"] = Touchpoint, ["category"] = Category,
        ["hasComment"] = HasComment?.ToString().ToLowerInvariant(), ["tag"] = Tag, ["q"] = Q,
    };

    /// <summary>The export link of a format, with the current filters.</summary>
    public Dictionary<string, string?> ExportQuery(string format)
    {
        var query = FilterQuery;
        query["format"] = format;
        return query;
    }

    public async Task OnGetAsync()
    {
        Surveys = await mediator.Send(new ListSurveyInfos(), HttpContext.RequestAborted);
        Departments = await mediator.Send(new ListDepartmentInfos(), HttpContext.RequestAborted);
        Touchpoints = await mediator.Send(new ListTouchpoints(), HttpContext.RequestAborted);
        await TrySendAsync(async () => Results = await mediator.Send(new ListResponses.Query(Filter, 50, Cursor), HttpContext.RequestAborted), formPrefix: "");
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await TrySendAsync(() => { Filter.Validate(); ExportResponses.ParseFormat(Format); return Task.CompletedTask; }, formPrefix: ""))
        {
            await OnGetAsync();
            return Page();
        }

        await ExportResponses.WriteExportAsync(HttpContext, Filter, mediator, HttpContext.RequestAborted, Format);
        return new EmptyResult();
    }

    public string SurveyName(Guid id) => Surveys.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    public string DepartmentName(Guid? id) => id is null ? "—" : Departments.FirstOrDefault(d => d.Id == id)?.Name ?? "—";
}
