using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The base of pages whose forms send a request through MediatR: validation errors land on their fields,
/// refusals (409, 402, 404) become the page's error message, as the API would answer them.
/// </summary>
public abstract class FormPageModel : PageModel
{
    /// <summary>A message shown above the form (a refusal that concerns no single field).</summary>
    public string? ErrorMessage { get; protected set; }

    /// <summary>Sends a form's request; answers false (with the errors recorded) when it was refused.</summary>
    protected async Task<bool> TrySendAsync(Func<Task> send, string formPrefix = "Form")
    {
        try
        {
            await send();
            return true;
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                var key = string.IsNullOrEmpty(formPrefix) ? Pascal(field) : $"{formPrefix}.{Pascal(field)}";
                foreach (var message in messages) ModelState.AddModelError(key, message);
            }

            return false;
        }
        catch (DomainException refused)
        {
            ErrorMessage = refused.Message;
            return false;
        }
    }

    /// <summary>"schedule.firstWaveAt" (as the API names it) becomes "Schedule.FirstWaveAt" (as the form's model does).</summary>
    private static string Pascal(string field) =>
        string.Join('.', field.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..]));
}
