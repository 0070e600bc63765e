using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;

namespace NpsCloud.Webhooks.Pages.App;

/// <summary>
/// The company's Slack and Teams channels (owners and admins): add one, send it a test message, delete it
/// (after a confirmation); a flash message after each change. Times in the company's time zone.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
[NoStore]
internal sealed class ChatChannelsModel(IMediator mediator, ITenantContext tenant, IStringLocalizer<WebhooksText> text, CompanyTime time) : FormPageModel
{
    [BindProperty]
    public ChatChannelForm Form { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    /// <summary>The channel whose deletion is being confirmed (<c>?delete={id}</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Delete { get; set; }

    public IReadOnlyList<ChatChannelView> Channels { get; private set; } = [];

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public ChatChannelView? ToDelete => Delete is { } id ? Channels.FirstOrDefault(c => c.Id == id) : null;

    public string DepartmentName(Guid? id) =>
        id is { } departmentId ? Departments.FirstOrDefault(d => d.Id == departmentId)?.Name ?? "—" : text["Chat.AllDepartments"];

    public string When(DateTimeOffset at) => time.Format(at);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        // The channel will receive the company's answers and comments: like a webhook, it needs a recent proof of identity.
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        ChatChannelView? created = null;
        var language = string.IsNullOrEmpty(Form.Language) ? null : Form.Language;
        if (await TrySendAsync(async () => created = await mediator.Send(new CreateChatChannel.Command(Form.Kind, Form.Url, Form.DepartmentId, language), HttpContext.RequestAborted)))
        {
            Flash = text["Chat.Flash.Added", text[$"Chat.Kind.{created!.Kind}"], created.Address];
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id)
    {
        try
        {
            await mediator.Send(new SendChatTest.Command(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Flash = text["Chat.Flash.Tested"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        try
        {
            await mediator.Send(new DeleteChatChannel.Command(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Flash = text["Chat.Flash.Deleted"];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Channels = (await mediator.Send(new ListChatChannels.Query(ChatChannel.MaxPerTenant, null), HttpContext.RequestAborted)).Items;
        Departments = await mediator.Send(new ListDepartmentInfos(), HttpContext.RequestAborted);
        var zone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).TimeZone;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
    }

    public sealed class ChatChannelForm
    {
        public string? Kind { get; set; } = ChatKinds.Slack;
        public string? Url { get; set; }
        public Guid? DepartmentId { get; set; }

        /// <summary>Empty: the company's language.</summary>
        public string? Language { get; set; }
    }
}
