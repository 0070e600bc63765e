using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Departments;

internal static class UpdateDepartment
{
    /// <param name="Name">The new name, or null to keep it.</param>
    /// <param name="ChangeHead">Whether the request names a head at all; <see cref="HeadUserId"/> null then removes the head.</param>
    /// <param name="ChangeSla">Whether the request names an SLA at all; <see cref="FollowUpSlaHours"/> null then follows the company's again.</param>
    public sealed record Command(Guid Id, string? Name, bool ChangeHead, Guid? HeadUserId, bool ChangeSla = false, int? FollowUpSlaHours = null)
        : IRequest<DepartmentView>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Name!).ValidDepartmentName(text).When(c => c.Name is not null);
            RuleFor(c => c.FollowUpSlaHours).ValidSlaHours(text);
        }
    }

    public sealed class Handler(TenantsDbContext db, IStringLocalizer<TenantsText> text) : IRequestHandler<Command, DepartmentView>
    {
        public async Task<DepartmentView> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == command.Id, cancellationToken) ?? throw DepartmentRules.NotFound();
            if (command.Name is { } name && name.Trim() != department.Name)
            {
                await DepartmentRules.EnsureNameFreeAsync(db, name.Trim(), department.Id, text, cancellationToken);
                department.Name = name.Trim();
            }

            if (command.ChangeHead)
            {
                await DepartmentRules.EnsureMayHeadAsync(db, command.HeadUserId, department.Id, text, cancellationToken);
                department.HeadUserId = command.HeadUserId;
            }

            if (command.ChangeSla) department.FollowUpSlaHours = command.FollowUpSlaHours;

            await DepartmentRules.SaveUniqueAsync(db, department.Name, text, cancellationToken);
            return DepartmentView.From(department);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (body.ValueKind != JsonValueKind.Object) throw new RequestValidationException("body", "Send a JSON object.");
                var name = body.TryGetProperty("name", out var nameValue) ? DepartmentRules.ReadString(nameValue, "name") : null;
                var changeHead = body.TryGetProperty("headUserId", out var head);
                var headUserId = changeHead && head.ValueKind != JsonValueKind.Null ? DepartmentRules.ReadGuid(head, "headUserId") : (Guid?)null;
                var changeSla = body.TryGetProperty("followUpSlaHours", out var sla);
                var slaHours = changeSla && sla.ValueKind != JsonValueKind.Null ? DepartmentRules.ReadHours(sla, "followUpSlaHours") : (int?)null;
                return await mediator.Send(new UpdateDepartment.Command(id, name, changeHead, headUserId, changeSla, slaHours), cancellationToken);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Rename a department, change its head (headUserId: null removes the head) or its follow-up SLA (followUpSlaHours: null follows the company's); absent fields stay")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<DepartmentsCreateBody>("application/json")
            .Produces<DepartmentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
