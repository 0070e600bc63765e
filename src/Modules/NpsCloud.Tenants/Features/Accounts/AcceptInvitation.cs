using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The invited person chooses a name and password; the account gets the invitation's role and departments.</summary>
internal static class AcceptInvitation
{
    public sealed record Command(string Token, string Name, string Password) : IRequest<User?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Name).ValidPersonName(text);
            RuleFor(c => c.Password).ValidPassword(text);
        }
    }

    /// <summary>The new user, or null when the link is unknown, used or expired.</summary>
    public sealed class Handler(
        CrossTenantLookup lookup, TenantContext tenant, TenantsDbContext db, UserManager<User> users, TimeProvider clock, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, User?>
    {
        public async Task<User?> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await lookup.InvitationAsync(InvitationToken.Hash(command.Token), cancellationToken) is not { } found) return null;
            tenant.Set(found.TenantId);
            var now = clock.GetUtcNow();
            var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == found.InvitationId, cancellationToken);
            if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= now) return null;
            if (string.Equals(command.Password.Trim(), invitation.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new RequestValidationException("password", text["Validation.PasswordObvious"]);
            }

            if (await lookup.UserByEmailAsync(users.NormalizeEmail(invitation.Email), cancellationToken) is not null)
            {
                throw new ConflictException(text["Users.EmailTaken"]);
            }

            var company = await db.Tenants.AsNoTracking().FirstAsync(cancellationToken);
            var user = new User
            {
                Id = Guid.CreateVersion7(now),
                Email = invitation.Email,
                NormalizedEmail = users.NormalizeEmail(invitation.Email),
                Name = command.Name.Trim(),
                Role = invitation.Role,
                Locale = company.Locale,
                CreatedAt = now,
            };
            // Departments archived since the invitation are left out.
            var current = await db.Departments.Where(d => invitation.DepartmentIds.Contains(d.Id) && d.ArchivedAt == null).Select(d => d.Id).ToListAsync(cancellationToken);
            user.Departments.AddRange(current.Select(id => new UserDepartment { UserId = user.Id, DepartmentId = id }));

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            invitation.AcceptedAt = now;
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded) throw new RequestValidationException("password", string.Join(" ", created.Errors.Select(e => e.Description)));
            await transaction.CommitAsync(cancellationToken);
            return user;
        }
    }
}
