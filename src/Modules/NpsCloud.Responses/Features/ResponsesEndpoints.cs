using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Responses.Features;

internal static class ResponsesEndpoints
{
    public sealed record TagsBody(IReadOnlyList<string>? Tags);

    public sealed record NoteBody(string? Text);

    /// <summary>A million rows of CSV with comments run to a few hundred megabytes.</summary>
    public const long MaxImportBytes = 2L * 1024 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        var responses = api.MapGroup("/responses").WithTags("Responses").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);

        responses.MapGet("", async ([AsParameters] ResponseFilter filter, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListResponses.Query(filter, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Responses, newest first, filtered (since, until, surveyId, departmentId, touchpoint, category, hasComment, tag, q); cursor pagination")
            .ProducesValidationProblem();

        responses.MapGet("/export", async ([AsParameters] ResponseFilter filter, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await WriteExportAsync(http, filter, mediator, cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The filtered list as CSV (streamed, any size)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        responses.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetResponse.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One response, with its tags and notes")
            .Produces<ResponseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        responses.MapPost("", async (ResponseInput input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(input, cancellationToken);
                return Results.Created($"/api/v1/responses/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Record an answer collected elsewhere (email or contactId names the person); honours Idempotency-Key")
            .Produces<ResponseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        responses.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await ImportAsync(request, mediator, cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Import up to a million answers from CSV (text/csv) or JSON lines (application/x-ndjson); bad rows are listed, good ones stored")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportResponses.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        responses.MapPost("/{id:guid}/tags", (Guid id, TagsBody body, IMediator mediator, CancellationToken cancellationToken) =>
                Tagged(mediator.Send(new Tags.Add(id, body.Tags), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add tags ({\"tags\": [\"pricing\"]}); answers the response's tags")
            .Produces<TagsBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        responses.MapDelete("/{id:guid}/tags", (Guid id, [FromBody] TagsBody body, IMediator mediator, CancellationToken cancellationToken) =>
                Tagged(mediator.Send(new Tags.Remove(id, body.Tags), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove tags ({\"tags\": [...]}); answers the response's tags")
            .Produces<TagsBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        responses.MapDelete("/{id:guid}/tags/{tag}", (Guid id, string tag, IMediator mediator, CancellationToken cancellationToken) =>
                Tagged(mediator.Send(new Tags.Remove(id, [tag]), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove one tag; answers the response's tags")
            .Produces<TagsBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        responses.MapPost("/{id:guid}/notes", async (Guid id, NoteBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var note = await mediator.Send(new AddNote.Command(id, Author(user), body.Text), cancellationToken);
                return Results.Created($"/api/v1/responses/{id}", note);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Add an internal note ({\"text\": \"...\"}); notes are never shown to the respondent")
            .Produces<ResponseView.Note>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<TagsBody> Tagged(Task<IReadOnlyList<string>> tags) => new(await tags);

    /// <summary>Who wrote a note: the signed-in person's name, or the API key.</summary>
    public static string Author(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.GivenName) ?? (user.FindFirstValue(ApiKeyClaims.KeyId) is { } key ? $"API key {key}" : "API");

    /// <summary>
    /// The import, for the API and the import page alike: the body is the file, streamed. It takes no
    /// Idempotency-Key: hashing the body would mean receiving the whole file before importing a row, and
    /// the body size limit is raised here, which is too late once something has read the body.
    /// </summary>
    public static async Task<ImportResponses.Result> ImportAsync(HttpRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var format = ImportResponses.Formats.FromContentType(request.ContentType)
            ?? throw new UnsupportedMediaTypeException("Send the file as text/csv or as JSON lines (application/x-ndjson).");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxImportBytes;
        return await mediator.Send(new ImportResponses.Command(request.Body, format), cancellationToken);
    }

    /// <summary>The filtered list as CSV, for the API and the responses page alike.</summary>
    public static async Task WriteExportAsync(HttpContext http, ResponseFilter filter, IMediator mediator, CancellationToken cancellationToken)
    {
        filter.Validate(); // a bad filter answers 400 before the download starts
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"responses-{now:yyyyMMdd-HHmmss}.csv\"";
        await mediator.Send(new ExportResponses.Command(filter, http.Response.Body), cancellationToken);
    }
}
