using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <summary>The only answer that ever contains the key itself.</summary>
internal sealed record CreatedApiKey(Guid Id, string Key, string Prefix, string Name, string[] Scopes, Guid[] DepartmentIds);

/// <summary>The operator's ceiling on a company's keys that are not revoked (<c>ApiKeys:MaxPerCompany</c>) is reached: 409 <c>api_key_limit</c>.</summary>
internal sealed class ApiKeyLimitException(string detail) : DomainException(409, "api_key_limit", "Too many API keys", detail);

internal static class CreateApiKey
{
    /// <summary>The ceiling when the operator sets none.</summary>
    public const int DefaultMaxPerCompany = 50;

    /// <param name="DepartmentIds">Limits the key to these departments (their goals and follow-ups only), as a department head is.</param>
    public sealed record Command(string Name, string[] Scopes, Guid[]? DepartmentIds = null) : IRequest<CreatedApiKey>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.Name).Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.KeyNameRequired"])
                .MaximumLength(100).WithMessage(_ => text["Validation.NameTooLong"]);
            RuleFor(c => c.Scopes).NotEmpty().WithMessage(_ => text["Validation.ScopesRequired"])
                .Must(scopes => scopes.All(ApiAuthorization.Scopes.Contains)).WithMessage(_ => text["Validation.ScopesInvalid"]);
            // An admin key could make itself a company-wide key: a key limited to departments reads and writes only.
            RuleFor(c => c.Scopes).Must(scopes => !scopes.Contains(ApiAuthorization.AdminScope)).When(c => c.DepartmentIds is { Length: > 0 })
                .WithMessage(_ => text["Validation.LimitedKeyAdmin"]);
        }
    }

    public sealed class Handler(TenantsDbContext db, ITenantContext tenant, TimeProvider clock, IConfiguration configuration, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, CreatedApiKey>
    {
        public async Task<CreatedApiKey> Handle(Command command, CancellationToken cancellationToken)
        {
            // Revoked keys do not count: a company that rotates its keys is never stuck. Two concurrent creates
            // may both pass at the ceiling; the ceiling bounds abuse, it is not an exact quota.
            var ceiling = configuration.GetValue("ApiKeys:MaxPerCompany", DefaultMaxPerCompany);
            if (await db.ApiKeys.CountAsync(k => k.RevokedAt == null, cancellationToken) >= ceiling)
            {
                throw new ApiKeyLimitException(text["ApiKeys.Limit", ceiling]);
            }

            var scopes = ApiAuthorization.Scopes.Where(command.Scopes.Contains).ToArray();
            var departments = (command.DepartmentIds ?? []).Distinct().ToArray();
            if (await db.Departments.CountAsync(d => departments.Contains(d.Id) && d.ArchivedAt == null, cancellationToken) != departments.Length)
            {
                throw new NotFoundException("A department");
            }

            var (key, plainText) = ApiKey.Create(command.Name.Trim(), scopes, clock.GetUtcNow(), tenant.UserId, departments);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            return new CreatedApiKey(key.Id, plainText, key.Prefix, key.Name, key.Scopes, key.DepartmentIds);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        // No Idempotency-Key: a replay would need the answer stored, and this answer holds the key itself,
        // of which only the hash may be kept. A lost answer costs an unused key, which can be revoked.
        group.MapPost("", async (CreateApiKey.Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(command, cancellationToken);
                return Results.Created((string?)null, created);
            })
            .WithSummary("Create an API key (scopes: read, write, admin); the key is in this answer only; a company has at most the operator's ceiling of active keys (409 api_key_limit)")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
