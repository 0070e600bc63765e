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
