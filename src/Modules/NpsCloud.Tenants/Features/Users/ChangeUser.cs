using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>The fields <c>PATCH /users/{id}</c> reads (JSON Merge Patch: absent fields stay).</summary>
internal sealed record UsersChangeBody(string? Role, Guid[]? DepartmentIds);

/// <summary>
/// <c>PATCH /users/{id}</c>: another role, or a department head's departments. The person's sessions end at
/// their next request (a new security stamp); departments they head but may no longer see lose them as head;
/// their open cases they could no longer work on go to the owner; their API keys are revoked when asked.
/// </summary>
internal static class ChangeUser
{
    public const int MaxDepartments = 100;

    /// <param name="Role">The new role, or null to keep it.</param>
    /// <param name="DepartmentIds">The person's departments from now on, or null to keep them.</param>
    public sealed record Command(Guid Id, string? Role, Guid[]? DepartmentIds, bool RevokeApiKeys, UserActor Actor) : IRequest<UserChangeOutcome>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Role).Must(Roles.IsRole).When(c => c.Role is not null).WithMessage(_ => text["Validation.Role"]);
            RuleFor(c => c.DepartmentIds).Must(ids => ids!.Length <= MaxDepartments).When(c => c.DepartmentIds is not null)
                .WithMessage(_ => text["Validation.TooManyDepartments", MaxDepartments]);
        }
    }

    public sealed class Handler(TenantsDbContext db, IMediator mediator, TimeProvider clock, IStringLocalizer<TenantsText> text, ApiKeyCache keys)
        : IRequestHandler<Command, UserChangeOutcome>
    {
        public async Task<UserChangeOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await UserRules.FindAsync(db, command.Id, cancellationToken);
            var (actingRole, _) = await UserRules.ActingAsync(db, command.Actor, cancellationToken);
            var role = command.Role ?? user.Role;
            UserRules.EnsureMayChange(actingRole, user.Role, role, text);
            if (role != user.Role && user.Role == Roles.Owner) await UserRules.EnsureAnotherOwnerAsync(db, user, text, cancellationToken);

            if (command.DepartmentIds is { } requested)
            {
                var departmentIds = requested.Distinct().ToArray();
                var known = await db.Departments.CountAsync(d => departmentIds.Contains(d.Id) && d.ArchivedAt == null, cancellationToken);
                if (known != departmentIds.Length) throw new NotFoundException("A department named");
                user.Departments.RemoveAll(d => !departmentIds.Contains(d.DepartmentId));
                foreach (var id in departmentIds.Where(id => user.Departments.All(d => d.DepartmentId != id)))
                {
                    user.Departments.Add(new UserDepartment { TenantId = user.TenantId, UserId = user.Id, DepartmentId = id });
                }
            }

            if (role == Roles.DepartmentHead && user.Departments.Count == 0)
            {
                throw new RequestValidationException("departmentIds", text["Validation.HeadNeedsDepartment"]);
            }

            user.Role = role;
            var outcome = await UserRules.ReduceAccessAsync(db, mediator, keys, user, UserChangeReasons.RoleChanged, command.RevokeApiKeys, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return outcome with { User = ListUsers.Handler.View(user, clock.GetUtcNow()) };
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", async (Guid id, bool? revokeApiKeys, JsonElement body, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (body.ValueKind != JsonValueKind.Object) throw new RequestValidationException("body", "Send a JSON object.");
                var role = body.TryGetProperty("role", out var roleValue)
                    ? roleValue.ValueKind == JsonValueKind.String ? roleValue.GetString() : throw new RequestValidationException("role", "Must be a role name.")
                    : null;
                var departmentIds = body.TryGetProperty("departmentIds", out var departments) ? UserRules.ReadIds(departments, "departmentIds") : null;
                return await mediator.Send(new ChangeUser.Command(id, role, departmentIds, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken);
            })
            .WithSummary("Change a person's role or departments (JSON Merge Patch; departmentIds: null or [] leaves none); their sessions end, departments they may no longer see lose them as head, cases they could no longer work on go to the owner; revokeApiKeys=true revokes the keys they created")
            .Accepts<UsersChangeBody>("application/merge-patch+json", "application/json")
            .Produces<UserChangeOutcome>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
