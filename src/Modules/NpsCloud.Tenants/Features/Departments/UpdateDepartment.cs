using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;

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
}
