using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Features.Users;

internal sealed record UsersInviteBody(string Email, string Role, Guid[]? DepartmentIds);

/// <summary>Invites a person by email with a role; department heads are scoped to the departments named.</summary>
internal static class InviteUser
{
    public sealed record Command(string Email, string Role, Guid[]? DepartmentIds, UserActor Actor) : IRequest<InvitationView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Email).ValidEmail(text);
            RuleFor(c => c.Role).Must(role => Roles.All.Contains(role)).WithMessage(_ => text["Validation.Role"]);
            RuleFor(c => c.DepartmentIds).NotEmpty().When(c => c.Role == Roles.DepartmentHead).WithMessage(_ => text["Validation.HeadNeedsDepartment"]);
        }
    }

    public sealed class Handler(
        TenantsDbContext db, UserManager<User> users, CrossTenantLookup lookup, ITenantContext tenant, TimeProvider clock,
        IEmailSender mail, AccountEmails emails, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, InvitationView>
    {
        public async Task<InvitationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var (actingRole, _) = await UserRules.ActingAsync(db, command.Actor, cancellationToken);
            UserRules.EnsureMayChange(actingRole, command.Role, command.Role, text);
            var email = command.Email.Trim();
            if (await lookup.UserByEmailAsync(users.NormalizeEmail(email), cancellationToken) is not null)
            {
                throw new ConflictException(text["Users.EmailTaken"]);
            }

            var departmentIds = (command.DepartmentIds ?? []).Distinct().ToArray();
            var known = await db.Departments.CountAsync(d => departmentIds.Contains(d.Id) && d.ArchivedAt == null, cancellationToken);
            if (known != departmentIds.Length) throw new NotFoundException("A department named in the invitation");

            var now = clock.GetUtcNow();
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            var invitation = new Invitation
            {
                Id = Guid.CreateVersion7(now),
                Email = email,
                Role = command.Role,
                DepartmentIds = departmentIds,
                TokenHash = InvitationToken.Hash(token),
                InvitedBy = tenant.UserId,
                CreatedAt = now,
                ExpiresAt = now + Invitation.ValidFor,
            };
            var company = await db.Tenants.AsNoTracking().FirstAsync(cancellationToken);
            var inviter = tenant.UserId is { } inviterId
                ? (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == inviterId, cancellationToken))?.Name
                : null;

            // Sent inside the transaction rather than through the outbox: the token is never stored, only
            // its hash, so an invitation whose email could not go out is not kept either.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await mail.SendAsync(emails.Invitation(email, company.Name, inviter ?? company.Name, command.Role, token, company.Locale), cancellationToken);
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException)
            {
                throw new MailUnavailableException(e);
            }

            await transaction.CommitAsync(cancellationToken);

            return new InvitationView(invitation.Id, invitation.Email, invitation.Role, invitation.DepartmentIds, invitation.ExpiresAt);
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/invitations", async (UsersInviteBody body, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var invitation = await mediator.Send(new InviteUser.Command(body.Email, body.Role, body.DepartmentIds, UserActor.Of(http.User)), cancellationToken);
                return Results.Created((string?)null, invitation);
            })
            .WithSummary("Invite a person by email (roles: Owner, Admin, DepartmentHead with departmentIds, Viewer; inviting an owner takes an owner)")
            .WithIdempotencyKey()
            .Produces<InvitationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
