using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;

namespace NpsCloud.FollowUps.Features;

internal static class FollowUpsEndpoints
{
    public sealed record AssignBody(Guid? UserId);

    public sealed record NoteBody(string? Text);

    public sealed record StatusBody(string? Status, string? Outcome);

    /// <summary>The metrics window when the request names none: the last 30 days.</summary>
    public static readonly TimeSpan DefaultMetricsWindow = TimeSpan.FromDays(30);

    public static void Map(IEndpointRouteBuilder api)
    {
        var followUps = api.MapGroup("/follow-ups").WithTags("Follow-ups").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);

        followUps.MapGet("", async (string? status, Guid? departmentId, Guid? assigneeId, bool? overdue, int? limit, string? cursor,
                    HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListCases.Query(new CaseFilter(status, departmentId, assigneeId, overdue), limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Follow-up cases, newest first, filtered (status, departmentId, assigneeId, overdue); cursor pagination")
            .Produces<Page<CaseView>>()
            .ProducesValidationProblem();

        followUps.MapGet("/metrics", (DateTimeOffset? since, DateTimeOffset? until, Guid? departmentId, TimeProvider clock, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var end = until ?? clock.GetUtcNow();
                return mediator.Send(new GetFollowUpMetrics(since ?? end - DefaultMetricsWindow, end, departmentId), cancellationToken);
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("How well the loop was closed for the cases opened in [since, until) (default: the last 30 days), of one department when named")
            .Produces<FollowUpMetrics>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        followUps.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetCase.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One case, with the response, the contact and the full history")
            .Produces<CaseDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        followUps.MapPost("/{id:guid}/assign", (Guid id, AssignBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new AssignCase.Command(id, body.UserId, CaseRules.ActorOf(user, tenant)), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Give the case to someone ({\"userId\": \"...\"}): an owner, an admin or a head of its department, who is alerted by email")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        followUps.MapPost("/{id:guid}/notes", async (Guid id, NoteBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var note = await mediator.Send(new AddCaseNote.Command(id, body.Text, CaseRules.ActorOf(user, tenant)), cancellationToken);
                return Results.Created($"/api/v1/follow-ups/{id}", note);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Add a note to the case's history ({\"text\": \"...\"}); honours Idempotency-Key")
            .Produces<CaseDetail.HistoryEntry>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        followUps.MapPost("/{id:guid}/status", (Guid id, StatusBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ChangeCaseStatus.Command(id, body.Status, body.Outcome, CaseRules.ActorOf(user, tenant)), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Mark the case contacted, resolved, closed or reopened ({\"status\": \"contacted\", \"outcome\": \"...\"}); a change its status does not allow is a 409")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
