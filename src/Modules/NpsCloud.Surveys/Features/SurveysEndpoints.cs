using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.Requests;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features;

internal static class SurveysEndpoints
{
    public sealed record RequestBody(string Email, string? Name, JsonElement? Properties, string? Locale, int? DelaySeconds);

    public sealed record RequestScheduled(Guid? InvitationId, DateTimeOffset? ScheduledAt);

    /// <summary>Nothing will be sent: <c>reason</c> says why (throttled, unsubscribed, bounced).</summary>
    public sealed record RequestThrottled(bool Throttled, string? Reason);

    public sealed record RequestsCancelled(int Cancelled);

    public static void Map(IEndpointRouteBuilder api)
    {
        // A survey belongs to its department; a contact is visible through the surveys that reach it.
        MapSurveys(api.MapGroup("/surveys").WithTags("Surveys").WithDepartmentRule(DepartmentAccess.FilteredByDepartment));
        MapContacts(api.MapGroup("/contacts").WithTags("Contacts").WithDepartmentRule(DepartmentAccess.FilteredByDepartment));
    }

    private static void MapSurveys(RouteGroupBuilder surveys)
    {
        surveys.MapGet("", async (string? status, string? kind, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListSurveys.PageQuery(status, kind, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's surveys, newest first, one page (archived ones only with status=archived)");

        surveys.MapPost("", async (SurveyInput input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(input, cancellationToken);
                return Results.Created($"/api/v1/surveys/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Create a survey (a draft: it sends nothing until activated)")
            .WithIdempotencyKey()
            .Produces<SurveyView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        surveys.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetSurvey.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One survey, with the question recipients read and the next wave")
            .ProducesProblem(StatusCodes.Status404NotFound);

        surveys.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
                body.ValueKind == JsonValueKind.Object
                    ? await mediator.Send(new UpdateSurvey.Command(id, JsonObject.Create(body)!), cancellationToken)
                    : throw new RequestValidationException("body", "Send a JSON object."))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change a survey (JSON Merge Patch: absent fields stay, null clears)")
            .Accepts<SurveyInput>("application/merge-patch+json", "application/json")
            .Produces<SurveyView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        foreach (var action in new[] { "activate", "pause", "archive" })
        {
            surveys.MapPost($"/{{id:guid}}/{action}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                    mediator.Send(new ChangeSurveyStatus.Command(id, action), cancellationToken))
                .RequireAuthorization(ApiAuthorization.Write)
                .WithSummary(action switch
                {
                    "activate" => "Start sending: waves on the schedule, or requests",
                    "pause" => "Stop sending; pending invitations wait",
                    _ => "Retire the survey; nothing more is sent",
                })
                .Produces<SurveyView>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        surveys.MapGet("/{id:guid}/stats", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetSurveyStats.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Invited, sent, failed, bounced, unsubscribed, throttled, responded and the response rate");

        surveys.MapGet("/{id:guid}/non-responders", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListNonResponders.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Who was sent the survey and has not answered (cursor pagination)");

        surveys.MapGet("/{id:guid}/members", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListMembers.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("A relationship survey's members with their next scheduled send");

        surveys.MapPost("/{id:guid}/members", (Guid id, MembersInput members, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new AddMembers.Command(id, members), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add members by emails (new addresses become contacts) or contactIds")
            .WithIdempotencyKey()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        surveys.MapDelete("/{id:guid}/members", (Guid id, [FromBody] MembersInput members, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RemoveMembers.Command(id, members), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove members by emails or contactIds");

        surveys.MapPost("/{id:guid}/requests", async (Guid id, RequestBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var outcome = await mediator.Send(
                    new RequestSurvey.Command(id, body.Email, body.Name, body.Properties, body.Locale, body.DelaySeconds), cancellationToken);
                return outcome.Throttled
                    ? Results.Ok(new RequestThrottled(true, outcome.Reason))
                    : Results.Json(new RequestScheduled(outcome.InvitationId, outcome.ScheduledAt), statusCode: StatusCodes.Status202Accepted);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Survey one person about an interaction: 202 with the invitation, or 200 throttled with the reason")
            .WithIdempotencyKey()
            .Produces<RequestScheduled>(StatusCodes.Status202Accepted)
            .Produces<RequestThrottled>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        surveys.MapDelete("/{id:guid}/requests", async (Guid id, string? email, IMediator mediator, CancellationToken cancellationToken) =>
                new RequestsCancelled(await mediator.Send(new CancelRequests.Command(id,
                    string.IsNullOrWhiteSpace(email) ? throw new RequestValidationException("email", "Name the address whose pending invitations to cancel.") : email), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Cancel the invitations still waiting to be sent to ?email= for this survey")
            .Produces<RequestsCancelled>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapContacts(RouteGroupBuilder contacts)
    {
        contacts.MapPost("", async (UpsertContact.Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var (contact, created) = await mediator.Send(command, cancellationToken);
                return created ? Results.Created($"/api/v1/contacts/{contact.Id}", contact) : Results.Ok(contact);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add a contact, or update the one with this email (an unsubscribe is never undone)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithIdempotencyKey()
            .Produces<ContactView>(StatusCodes.Status201Created)
            .Produces<ContactView>()
            .ProducesValidationProblem();

        contacts.MapGet("", async (string? q, string? status, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListContacts.Query(q, status, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Contacts, filtered by q (email or name) and status (active, unsubscribed, bounced); cursor pagination");

        contacts.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetContact.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One contact; an erased contact is a 404")
            .ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapPatch("/{id:guid}", (Guid id, UpdateContact.Command body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(body with { Id = id }, cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change email, name, locale; properties merge (a null property removes it)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        contacts.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new EraseContact.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Erase a person's data (KVKK/GDPR): only anonymous scores remain")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapPost("/{id:guid}/unsubscribe", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new UnsubscribeContact.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Stop all survey mail to this contact")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // No Idempotency-Key: hashing the body would mean receiving the whole file before importing a row.
        // Importing the same file again updates the same contacts.
        contacts.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw new UnsupportedMediaTypeException("Send the file as text/csv.");
                }

                return Results.Ok(await mediator.Send(new ImportContacts.Command(request.Body), cancellationToken));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Import contacts from CSV (header row with email; name, locale; other columns become properties)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<string>("text/csv")
            .Produces<ImportContacts.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
