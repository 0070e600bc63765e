using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>Answers other modules that write to people (review digests, follow-up alerts and escalations).</summary>
internal sealed class PeopleQueries(TenantsDbContext db) : IRequestHandler<FindPeople, IReadOnlyList<PersonInfo>>, IRequestHandler<ListManagers, IReadOnlyList<PersonInfo>>
{
    public async Task<IReadOnlyList<PersonInfo>> Handle(FindPeople query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => query.UserIds.Contains(u.Id))
            .Select(u => new PersonInfo(u.Id, u.Email, u.Name, u.Locale, u.Role))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PersonInfo>> Handle(ListManagers query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Role == Roles.Owner || u.Role == Roles.Admin)
            .OrderBy(u => u.Email)
            .Select(u => new PersonInfo(u.Id, u.Email, u.Name, u.Locale, u.Role))
            .ToListAsync(cancellationToken);
}
