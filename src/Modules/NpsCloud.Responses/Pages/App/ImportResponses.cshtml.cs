using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Features.Import;

namespace NpsCloud.Responses.Pages.App;

/// <summary>
/// Importing answers from a file. With scripts, the file goes up as the request body and a progress bar
/// follows the upload (the server reads and stores rows as they arrive, so upload progress is import
/// progress); without, a plain form post does the same import.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class ImportResponsesModel(IMediator mediator, Microsoft.Extensions.Localization.IStringLocalizer<ResponsesText> text) : FormPageModel
{
    public ImportResponses.Result? Result { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The form without scripts: multipart, one file.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        var format = file is null ? null : ImportResponses.Formats.FromContentType(file.ContentType) ?? FormatOf(file.FileName);
        if (file is null || file.Length == 0 || format is null)
        {
            ModelState.AddModelError("File", file is null || file.Length == 0 ? text["Import.ChooseFile"] : text["Import.ChooseCsvOrJsonl"]);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        await TrySendAsync(async () => Result = await mediator.Send(new ImportResponses.Command(stream, format), HttpContext.RequestAborted), formPrefix: "");
        return Page();
    }

    /// <summary>The scripted upload: the body is the file; answers the result, or the reason as <c>{error}</c>.</summary>
    public async Task<IActionResult> OnPostUploadAsync()
    {
        try
        {
            return new JsonResult(await ImportResponses.ImportAsync(Request, mediator, HttpContext.RequestAborted));
        }
        catch (RequestValidationException invalid)
        {
            return new JsonResult(new { error = string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        catch (DomainException refused)
        {
            return new JsonResult(new { error = refused.Message }) { StatusCode = refused.StatusCode };
        }
    }

    private static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => ImportResponses.Formats.Csv,
        ".jsonl" or ".ndjson" => ImportResponses.Formats.JsonLines,
        _ => null,
    };
}
