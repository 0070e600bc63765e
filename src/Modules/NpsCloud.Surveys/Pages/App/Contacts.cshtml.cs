using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Contacts;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>Contacts with search and status filter, and the CSV import with its report of rejected rows.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class ContactsModel(IMediator mediator, Microsoft.Extensions.Localization.IStringLocalizer<SurveysText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<ContactView> Results { get; private set; } = new([], null);

    public ImportContacts.Result? Imported { get; private set; }

    public bool CanManage => User.IsManager();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!CanManage) return Forbid();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", text["Import.ChooseFile"]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            await TrySendAsync(async () => Imported = await mediator.Send(new ImportContacts.Command(stream), HttpContext.RequestAborted), formPrefix: "");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Results = await TrySendAsync(async () => Results = await mediator.Send(new ListContacts.Query(Q, Status, 50, Cursor), HttpContext.RequestAborted))
            ? Results
            : new Page<ContactView>([], null);
}
