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
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Emails;

namespace NpsCloud.Tenants.Features.Users;

internal sealed record UserView(Guid Id, string Email, string Name, string Role, Guid[] DepartmentIds, bool LockedOut, DateTimeOffset CreatedAt);

internal sealed record InvitationView(Guid Id, string Email, string Role, Guid[] DepartmentIds, DateTimeOffset ExpiresAt);

internal static class ListUsers
{
    /// <summary>Every user, by name (the app's lists and pickers).</summary>
    public sealed record Query : IRequest<List<UserView>>;

    /// <summary><c>GET /users</c>: one page, in the order they joined.</summary>
    public sealed record PageQuery(int? Limit, string? Cursor) : IRequest<Page<UserView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, List<UserView>>, IRequestHandler<PageQuery, Page<UserView>>
    {
        public async Task<List<UserView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return (await Users.OrderBy(u => u.Name).ToListAsync(cancellationToken)).Select(u => View(u, now)).ToList();
        }

        public async Task<Page<UserView>> Handle(PageQuery query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return (await Users.PageAsync(u => u.Id, query.Limit, query.Cursor, newestFirst: false, cancellationToken)).Map(u => View(u, now));
        }

        private IQueryable<User> Users => db.Users.AsNoTracking().Include(u => u.Departments);

        private static UserView View(User u, DateTimeOffset now) =>
            new(u.Id, u.Email, u.Name, u.Role, u.Departments.Select(d => d.DepartmentId).ToArray(), u.LockoutEnd > now, u.CreatedAt);
    }
}

/// <summary>Invites a person by email with a role; department heads are scoped to the departments named.</summary>
internal static class InviteUser
{
    public sealed record Command(string Email, string Role, Guid[]? DepartmentIds) : IRequest<InvitationView>, ITenantWrite;

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
}

internal static class InvitationToken
{
    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}

internal static class UsersEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly);

        users.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListUsers.PageQuery(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("The company's users with their roles and departments, in the order they joined, one page");

        users.MapPost("/invitations", async (InviteUser.Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var invitation = await mediator.Send(command, cancellationToken);
                return Results.Created((string?)null, invitation);
            })
            .WithSummary("Invite a person by email (roles: Owner, Admin, DepartmentHead with departmentIds, Viewer)")
            .WithIdempotencyKey()
            .Produces<InvitationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
