using Microsoft.AspNetCore.Mvc;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// For pages that show a secret (a new API key or webhook secret, a recovery code): <c>Cache-Control:
/// no-store</c>, so neither the browser's cache nor a proxy keeps a copy that the back button or the next
/// person on the machine could read. Every <c>/api</c> answer gets it from <see cref="SecurityHeadersMiddleware"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoStoreAttribute : ResponseCacheAttribute
{
    public NoStoreAttribute()
    {
        NoStore = true;
        Location = ResponseCacheLocation.None;
    }
}
