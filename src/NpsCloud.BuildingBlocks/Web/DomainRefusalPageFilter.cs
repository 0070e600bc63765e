using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// A page handler that lets a refusal escape (another department's survey is not found, say) answers the
/// refusal's status (404, 403, 409…) and the friendly error page, as the API answers it, instead of a 500.
/// </summary>
public sealed class DomainRefusalPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DomainException refusal && !executed.ExceptionHandled)
        {
            executed.Result = new StatusCodeResult(refusal.StatusCode);
            executed.ExceptionHandled = true;
        }
    }
}
