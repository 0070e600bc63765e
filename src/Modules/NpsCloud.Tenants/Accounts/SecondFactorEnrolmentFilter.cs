using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// A company that requires the second factor: a signed-in person who has none is sent to set it up, from
/// every app page but that one (and their account page, which links to it), before they can do anything else.
/// </summary>
internal sealed class SecondFactorEnrolmentFilter : IAsyncPageFilter
{
    public const string EnrolPath = "/app/account/two-factor";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var path = context.HttpContext.Request.Path;
        if (SessionCheck.MustEnrolSecondFactor(context.HttpContext)
            && path.StartsWithSegments("/app")
            && !path.StartsWithSegments(EnrolPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new LocalRedirectResult(EnrolPath + "?required=true");
            return;
        }

        await next();
    }
}
