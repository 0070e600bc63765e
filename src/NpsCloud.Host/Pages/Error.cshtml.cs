using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Pages;

/// <summary>The friendly page for page requests that fail or hit a missing address (API calls get problem+json instead).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
public sealed class ErrorModel : PageModel
{
    public int ErrorStatus { get; private set; }

    public string TraceId { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        ErrorStatus = code ?? 500;
        Response.StatusCode = ErrorStatus;
        TraceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
    }
}
