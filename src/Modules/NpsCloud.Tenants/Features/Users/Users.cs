using System.Security.Cryptography;
using System.Text.Json;
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
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Emails;

namespace NpsCloud.Tenants.Features.Users;

/// <param name="Active">False while the account is deactivated (signing in is refused); <paramref name="DeactivatedAt"/> says since when.</param>
internal sealed record UserView(Guid Id, string Email, string Name, string Role, Guid[] DepartmentIds, bool LockedOut, DateTimeOffset CreatedAt, bool Active, DateTimeOffset? DeactivatedAt);

internal sealed record InvitationView(Guid Id, string Email, string Role, Guid[] DepartmentIds, DateTimeOffset ExpiresAt);

internal static class ListUsers
{
    /// <summary>Every user, by name (the app's lists and pickers).</summary>
    public sealed record Query : IRequest<List<UserView>>;

    /// <summary><c>GET /users/{id}</c>.</summary>
    public sealed record ByIdQuery(Guid Id) : IRequest<UserView>;

    /// <summary><c>GET /users</c>: one page, in the order they joined.</summary>
    public sealed record PageQuery(int? Limit, string? Cursor) : IRequest<Page<UserView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock)
        : IRequestHandler<Query, List<UserView>>, IRequestHandler<PageQuery, Page<UserView>>, IRequestHandler<ByIdQuery, UserView>
    {
        public async Task<UserView> Handle(ByIdQuery query, CancellationToken cancellationToken) =>
            View(await Users.FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken) ?? throw new NotFoundException("The user"), clock.GetUtcNow());

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

        public static UserView View(User u, DateTimeOffset now) =>
            new(u.Id, u.Email, u.Name, u.Role, u.Departments.Select(d => d.DepartmentId).ToArray(), u.LockoutEnd > now, u.CreatedAt, u.IsActive, u.DeactivatedAt);
    }
}

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
}

internal static class InvitationToken
{
    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}

internal static class UsersEndpoints
{
    public sealed record InviteBody(string Email, string Role, Guid[]? DepartmentIds);

    /// <summary>The fields <c>PATCH /users/{id}</c> reads (JSON Merge Patch: absent fields stay).</summary>
    public sealed record ChangeBody(string? Role, Guid[]? DepartmentIds);

    public static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly);

        users.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListUsers.PageQuery(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("The company's users with their roles, departments and whether they are active, in the order they joined, one page");

        users.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ListUsers.ByIdQuery(id), cancellationToken))
            .WithSummary("One user")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPatch("/{id:guid}", async (Guid id, bool? revokeApiKeys, JsonElement body, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (body.ValueKind != JsonValueKind.Object) throw new RequestValidationException("body", "Send a JSON object.");
                var role = body.TryGetProperty("role", out var roleValue)
                    ? roleValue.ValueKind == JsonValueKind.String ? roleValue.GetString() : throw new RequestValidationException("role", "Must be a role name.")
                    : null;
                var departmentIds = body.TryGetProperty("departmentIds", out var departments) ? ReadIds(departments, "departmentIds") : null;
                return await mediator.Send(new ChangeUser.Command(id, role, departmentIds, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken);
            })
            .WithSummary("Change a person's role or departments (JSON Merge Patch; departmentIds: null or [] leaves none); their sessions end, departments they may no longer see lose them as head, cases they could no longer work on go to the owner; revokeApiKeys=true revokes the keys they created")
            .Accepts<ChangeBody>("application/merge-patch+json", "application/json")
            .Produces<UserChangeOutcome>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id:guid}/deactivate", (Guid id, bool? revokeApiKeys, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new DeactivateUser.Command(id, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Deactivate a person: signing in is refused and their sessions end; they head no department and their open cases go to the owner; revokeApiKeys=true revokes the keys they created")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id:guid}/reactivate", (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ReactivateUser.Command(id, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Reactivate a deactivated person, with the role and departments they had")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapDelete("/{id:guid}", (Guid id, bool? revokeApiKeys, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RemoveUser.Command(id, revokeApiKeys ?? false, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Remove a person's account; as deactivating, and the address may be invited again; revokeApiKeys=true revokes the keys they created")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id:guid}/transfer-ownership", (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new TransferOwnership.Command(id, UserActor.Of(http.User)), cancellationToken))
            .WithSummary("Make this person an owner and the acting owner an admin (a key acts for the owner who created it)")
            .Produces<UserChangeOutcome>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/invitations", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListPendingInvitations.PageQuery(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("Invitations not yet accepted and not expired, newest first, one page");

        users.MapPost("/invitations", async (InviteBody body, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
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

        users.MapDelete("/invitations/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RevokeInvitation.Command(id, UserActor.Of(http.User)), cancellationToken);
                return Results.NoContent();
            })
            .WithSummary("Revoke a pending invitation; its link stops working at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Guid[] ReadIds(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new RequestValidationException(field, "Must be a list of department ids (UUIDs).");
        if (value.GetArrayLength() > ChangeUser.MaxDepartments) throw new RequestValidationException(field, $"At most {ChangeUser.MaxDepartments} departments.");
        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String && item.TryGetGuid(out var id) ? id : throw new RequestValidationException(field, "Must be a list of department ids (UUIDs)."))
            .ToArray();
    }
}
