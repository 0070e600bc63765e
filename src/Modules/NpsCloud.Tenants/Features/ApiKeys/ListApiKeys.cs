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

internal static class ListApiKeys
{
    /// <summary>Every key, active ones first, then newest first (the app's list).</summary>
    public sealed record Query : IRequest<List<ApiKeyView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, List<ApiKeyView>>
    {
        public async Task<List<ApiKeyView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken))
            .Select(ApiKeyView.From)
            .ToList();
    }
}
