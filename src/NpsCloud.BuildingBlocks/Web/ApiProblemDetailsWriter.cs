using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Messaging;

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
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType && !problem.Extensions.ContainsKey("code"))
        {
            // Routing refuses a body type an endpoint does not accept before the endpoint runs: the same
            // refusal as an endpoint's own UnsupportedMediaTypeException, so it gets the same code.
            problem = context.ProblemDetails = ProblemExceptionHandler.ToProblem(new UnsupportedMediaTypeException(
                "This endpoint does not read a body of this content type; its Content-Type is in the API reference."));
        }

        var (type, title) = Defaults(problem.Status!.Value);
        problem.Type ??= type;
        problem.Title ??= title;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }

    /// <summary>The RFC 9110 section of a status, as the framework's own writer would give it.</summary>
    private static (string? Type, string? Title) Defaults(int status) => status switch
    {
        400 => ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad Request"),
        401 => ("https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized"),
        403 => ("https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden"),
        404 => ("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found"),
        405 => ("https://tools.ietf.org/html/rfc9110#section-15.5.6", "Method Not Allowed"),
        406 => ("https://tools.ietf.org/html/rfc9110#section-15.5.7", "Not Acceptable"),
        409 => ("https://tools.ietf.org/html/rfc9110#section-15.5.10", "Conflict"),
        413 => ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "Content Too Large"),
        415 => ("https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type"),
        422 => ("https://tools.ietf.org/html/rfc9110#section-15.5.21", "Unprocessable Content"),
        429 => ("https://tools.ietf.org/html/rfc6585#section-4", "Too Many Requests"),
        500 => ("https://tools.ietf.org/html/rfc9110#section-15.6.1", "An error occurred while processing your request."),
        503 => ("https://tools.ietf.org/html/rfc9110#section-15.6.4", "Service Unavailable"),
        _ => (null, null),
    };
}
