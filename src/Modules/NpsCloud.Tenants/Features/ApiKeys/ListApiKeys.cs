using MediatR;
using Microsoft.EntityFrameworkCore;

namespace NpsCloud.Tenants.Features.ApiKeys;

internal static class ListApiKeys
{
    /// <summary>Every key, active ones first, then newest first (the app's list).</summary>
    public sealed record Query : IRequest<List<ApiKeyView>>;

    public sealed class Handler(TenantsDbContext db, ApiKeyUses uses) : IRequestHandler<Query, List<ApiKeyView>>
    {
        public async Task<List<ApiKeyView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken))
            .Select(key => ApiKeyView.From(key, uses))
            .ToList();
    }
}
