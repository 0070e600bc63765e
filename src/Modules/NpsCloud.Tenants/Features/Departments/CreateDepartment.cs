using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal sealed record DepartmentsCreateBody(string Name, Guid? HeadUserId, int? FollowUpSlaHours);

internal static class CreateDepartment
{
    public sealed record Command(string Name, Guid? HeadUserId = null, int? FollowUpSlaHours = null) : IRequest<DepartmentView>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Name).ValidDepartmentName(text);
            RuleFor(c => c.FollowUpSlaHours).ValidSlaHours(text);
        }
    }

    public sealed class Handler(TenantsDbContext db, TimeProvider clock, IStringLocalizer<TenantsText> text) : IRequestHandler<Command, DepartmentView>
    {
        public async Task<DepartmentView> Handle(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            await DepartmentRules.EnsureNameFreeAsync(db, name, null, text, cancellationToken);
            var id = Guid.CreateVersion7(clock.GetUtcNow());
            await DepartmentRules.EnsureMayHeadAsync(db, command.HeadUserId, null, text, cancellationToken);
            var department = new Department
            {
                Id = id,
                Name = name,
                HeadUserId = command.HeadUserId,
                FollowUpSlaHours = command.FollowUpSlaHours,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Departments.Add(department);
            await DepartmentRules.SaveUniqueAsync(db, name, text, cancellationToken);
            return DepartmentView.From(department);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (DepartmentsCreateBody body, IMediator mediator, CancellationToken cancellationToken) =>
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
    }
}
