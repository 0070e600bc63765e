using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// API answers are problem+json whatever the Accept header says (the framework's writer gives up on
/// <c>Accept: text/html</c>, and an API error must never turn into an HTML page or a 500).
/// Registered before the framework's writer, so it wins for API paths and leaves pages alone.
/// </summary>
public sealed class ApiProblemDetailsWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => ApiRequests.IsApi(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
