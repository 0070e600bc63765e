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

/// <param name="DepartmentIds">The departments the key is limited to; empty for a key that sees the whole company.</param>
internal sealed record ApiKeyView(Guid Id, string Name, string Prefix, string[] Scopes, Guid[] DepartmentIds, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    internal static ApiKeyView From(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.Scopes, key.DepartmentIds, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}

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
}

internal static class ListApiKeys
{
    /// <summary>Every key, active ones first, then newest first (the app's list).</summary>
    public sealed record Query : IRequest<List<ApiKeyView>>;

    /// <summary><c>GET /api-keys</c>: one page, newest first.</summary>
    public sealed record PageQuery(int? Limit, string? Cursor) : IRequest<Page<ApiKeyView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, List<ApiKeyView>>, IRequestHandler<PageQuery, Page<ApiKeyView>>
    {
        public async Task<List<ApiKeyView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken))
            .Select(ApiKeyView.From)
            .ToList();

        /// <summary>
        /// By creation time, not by id: a key's id is random (its first digits are the prefix that tells keys
        /// apart, which time-ordered ids would share). The cursor is still the last id; the page goes on after
        /// that key's place.
        /// </summary>
        public async Task<Page<ApiKeyView>> Handle(PageQuery query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var keys = db.ApiKeys.AsNoTracking();
            if (Paging.After(query.Cursor) is { } after)
            {
                keys = keys.Where(k => db.ApiKeys.Any(last => last.Id == after
                    && (k.CreatedAt < last.CreatedAt || (k.CreatedAt == last.CreatedAt && k.Id < last.Id))));
            }

            var rows = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(limit + 1).ToListAsync(cancellationToken);
            return Paging.Of(rows, limit, k => k.Id).Map(ApiKeyView.From);
        }
    }
}

/// <summary>Revoking works even after the trial: shutting a leaked key is never a paid feature.</summary>
internal static class RevokeApiKey
{
    public sealed record Command(Guid Id) : IRequest;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("The API key");
            key.RevokedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }

    /// <summary>Revokes (in the caller's unit of work) every active key the person created; answers how many.</summary>
    public static async Task<int> CreatedByAsync(TenantsDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.Where(k => k.CreatedBy == userId && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys) key.RevokedAt = now;
        return keys.Count;
    }

    /// <summary>How many active keys the person created (the confirmation offers to revoke them).</summary>
    public static Task<int> CountCreatedByAsync(TenantsDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.ApiKeys.CountAsync(k => k.CreatedBy == userId && k.RevokedAt == null, cancellationToken);
}

internal static class ApiKeysEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly);

        // No Idempotency-Key: a replay would need the answer stored, and this answer holds the key itself,
        // of which only the hash may be kept. A lost answer costs an unused key, which can be revoked.
        keys.MapPost("", async (CreateApiKey.Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(command, cancellationToken);
                return Results.Created((string?)null, created);
            })
            .WithSummary("Create an API key (scopes: read, write, admin); the key is in this answer only; a company has at most the operator's ceiling of active keys (409 api_key_limit)")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListApiKeys.PageQuery(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("The company's API keys, newest first, one page, without their secrets, with their last use");

        keys.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RevokeApiKey.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .WithSummary("Revoke an API key; it is refused from the next request on")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
