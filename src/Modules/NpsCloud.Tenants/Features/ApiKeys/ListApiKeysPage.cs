using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.ApiKeys;

internal static class ListApiKeysPage
{
    /// <summary><c>GET /api-keys</c>: one page, newest first.</summary>
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<ApiKeyView>>;

    public sealed class Handler(TenantsDbContext db, ApiKeyUses uses) : IRequestHandler<Query, Page<ApiKeyView>>
    {
        /// <summary>
        /// By creation time, not by id: a key's id is random (its first digits are the prefix that tells keys
        /// apart, which time-ordered ids would share). The cursor is still the last id; the page goes on after
        /// that key's place.
        /// </summary>
        public async Task<Page<ApiKeyView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var keys = db.ApiKeys.AsNoTracking();
            if (Paging.After(query.Cursor) is { } after)
            {
                keys = keys.Where(k => db.ApiKeys.Any(last => last.Id == after
                    && (k.CreatedAt < last.CreatedAt || (k.CreatedAt == last.CreatedAt && k.Id < last.Id))));
            }

            var rows = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(limit + 1).ToListAsync(cancellationToken);
            return Paging.Of(rows, limit, k => k.Id).Map(key => ApiKeyView.From(key, uses));
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListApiKeysPage.Query(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("The company's API keys, newest first, one page, without their secrets, with their last use");
    }
}
