using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Departments;

internal static class DepartmentsEndpoints
{
    public sealed record CreateBody(string Name, Guid? HeadUserId, int? FollowUpSlaHours);

    /// <summary><c>outcome</c> is <c>deleted</c>, or <c>archived</c> when another module holds data for the department.</summary>
    public sealed record DeletedDepartment(Guid Id, string Outcome);

    public static void Map(IEndpointRouteBuilder api)
    {
        var departments = api.MapGroup("/departments").WithTags("Departments").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);

        departments.MapGet("", async (bool? includeArchived, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListDepartments.PageQuery(includeArchived ?? false, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's departments in the order they were added, one page (archived ones only with includeArchived=true)");

        departments.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetDepartment.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One department")
            .ProducesProblem(StatusCodes.Status404NotFound);

        departments.MapPost("", async (CreateBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(new CreateDepartment.Command(body.Name, body.HeadUserId, body.FollowUpSlaHours), cancellationToken);
                return Results.Created($"/api/v1/departments/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add a department; names are unique per company (409)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithIdempotencyKey()
            .Produces<DepartmentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        departments.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (body.ValueKind != JsonValueKind.Object) throw new RequestValidationException("body", "Send a JSON object.");
                var name = body.TryGetProperty("name", out var nameValue) ? ReadString(nameValue, "name") : null;
                var changeHead = body.TryGetProperty("headUserId", out var head);
                var headUserId = changeHead && head.ValueKind != JsonValueKind.Null ? ReadGuid(head, "headUserId") : (Guid?)null;
                var changeSla = body.TryGetProperty("followUpSlaHours", out var sla);
                var slaHours = changeSla && sla.ValueKind != JsonValueKind.Null ? ReadHours(sla, "followUpSlaHours") : (int?)null;
                return await mediator.Send(new UpdateDepartment.Command(id, name, changeHead, headUserId, changeSla, slaHours), cancellationToken);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Rename a department, change its head (headUserId: null removes the head) or its follow-up SLA (followUpSlaHours: null follows the company's); absent fields stay")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<CreateBody>("application/json")
            .Produces<DepartmentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        departments.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var outcome = await mediator.Send(new DeleteDepartment.Command(id), cancellationToken);
                return Results.Ok(new DeletedDepartment(id, outcome.ToString().ToLowerInvariant()));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Delete a department; one with data (surveys, responses, goals) is archived instead")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Produces<DeletedDepartment>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string ReadString(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new RequestValidationException(field, "Must be a string.");

    private static int ReadHours(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var hours) ? hours : throw new RequestValidationException(field, "Must be a whole number of hours or null.");

    private static Guid ReadGuid(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id) ? id : throw new RequestValidationException(field, "Must be a user id (a UUID) or null.");
}
