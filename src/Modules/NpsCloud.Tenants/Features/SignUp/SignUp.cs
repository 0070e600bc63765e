using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Features.SignUp;

/// <summary>
/// A company starts its 14-day trial: the tenant, its owner and an admin API key (shown only in this
/// answer), in one transaction; the welcome email and the link that proves the owner's address follow
/// through the outbox.
/// </summary>
internal static class SignUp
{
    public sealed record Command(string CompanyName, string Name, string Email, string Password, string Locale = "en", string? TimeZone = null)
        : IRequest<Result>;

    /// <param name="EmailVerified">False until the owner follows the link emailed now: until then surveys go only to the owner's own address, the others wait.</param>
    /// <summary>Whether a key's stored name is the one sign-up gives the first key, in either language.</summary>
    public static bool IsFirstKeyName(string name) => name is "Created at sign-up" or "Kayıtta oluşturuldu";

    public sealed record Result(Guid TenantId, DateTimeOffset TrialEndsAt, string ApiKey, bool EmailVerified = false);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.CompanyName).Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.CompanyRequired"])
                .MaximumLength(200).WithMessage(_ => text["Validation.NameTooLong"]);
            RuleFor(c => c.Name).ValidPersonName(text);
            RuleFor(c => c.Email).ValidEmail(text);
            RuleFor(c => c.Password).ValidPassword(text, c => c.Email, c => c.CompanyName);
            RuleFor(c => c.Locale).ValidLocale(text);
            RuleFor(c => c.TimeZone).ValidTimeZone(text);
        }
    }

    public sealed class Handler(
        TenantsDbContext db, UserManager<User> users, CrossTenantLookup lookup, TenantContext tenant, TimeProvider clock, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var normalizedEmail = users.NormalizeEmail(email);
            if (await lookup.UserByEmailAsync(normalizedEmail, cancellationToken) is not null)
            {
                throw new ConflictException(text["SignUp.EmailTaken"]);
            }

            var now = clock.GetUtcNow();
            var tenantId = Guid.CreateVersion7(now);
            tenant.Set(tenantId);
            var company = new Tenant
            {
                TenantId = tenantId,
                Name = command.CompanyName.Trim(),
                Status = TenantStatus.Trial,
                TrialEndsAt = now + Tenant.TrialLength,
                Locale = command.Locale,
                TimeZone = command.TimeZone ?? AccountsRules.DefaultTimeZone(command.Locale),
                // Customers' replies to the company's invitations reach its owner until settings say otherwise.
                ReplyTo = email,
                CreatedAt = now,
            };
            var owner = new User
            {
                Id = Guid.CreateVersion7(now),
                Email = email,
                NormalizedEmail = normalizedEmail,
                Name = command.Name.Trim(),
                Role = Roles.Owner,
                Locale = command.Locale,
                CreatedAt = now,
            };
            var (key, plainKey) = ApiKey.Create(text["SignUp.FirstKeyName"], [ApiAuthorization.AdminScope], now, owner.Id);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Tenants.Add(company);
            db.ApiKeys.Add(key);
            db.Publish(new TenantSignedUp(Guid.CreateVersion7(now), tenantId, now, company.Name, owner.Id, owner.Email, owner.Name, owner.Locale));
            try
            {
                var created = await users.CreateAsync(owner, command.Password);
                if (!created.Succeeded)
                {
                    throw new RequestValidationException("password", string.Join(" ", created.Errors.Select(e => e.Description)));
                }
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone signed up with the same address a moment ago.
                throw new ConflictException(text["SignUp.EmailTaken"]);
            }

            await transaction.CommitAsync(cancellationToken);
            return new Result(tenantId, company.TrialEndsAt, plainKey);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/signup", async (Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(command, cancellationToken);
                return Results.Created("/api/v1/tenant", result);
            })
            .AllowAnonymous()
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .RequireRateLimiting(RateLimits.SignUp)
            .WithTags("Sign-up")
            .WithSummary("Start a 14-day trial")
            .WithDescription("Creates the company, its owner and an admin API key. The key is in this answer only: store it. "
                + "The owner gets an email with a verification link: until it is followed, surveys go only to the owner's own address and the others wait.")
            .Produces<Result>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
