using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// Contacts for addresses, adding the ones that are new, in one statement per call (an import of a
/// million answers names a great many people). A new contact takes the name given with its address (a
/// visitor who typed it on an open link or whom a site identified); an existing contact is left as it is.
/// </summary>
internal sealed class ResolveContactsHandler(SurveysDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<ResolveContacts, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(ResolveContacts request, CancellationToken cancellationToken)
    {
        var byAddress = request.Emails
            .Select((email, i) => (Email: email.Trim(), Normalized: Contact.Normalize(email), Name: NameOf(request.Names, i)))
            .DistinctBy(e => e.Normalized)
            .ToList();
        var ids = new Dictionary<string, Guid>(byAddress.Count);
        var now = clock.GetUtcNow();
        // Twice at most: an address another request added a moment ago is invisible to this statement's
        // snapshot (its insert conflicts, its select misses it), and is found by the second round.
        for (var round = 0; round < 2 && ids.Count < byAddress.Count; round++)
        {
            var missing = byAddress.Where(e => !ids.ContainsKey(e.Normalized)).ToList();
            var rows = await db.Database.SqlQuery<ContactRow>($"""
                with input as (
                    select * from unnest({missing.Select(e => e.Email).ToArray()}::text[], {missing.Select(e => e.Normalized).ToArray()}::text[],
                                         {missing.Select(_ => Guid.CreateVersion7(now)).ToArray()}::uuid[], {missing.Select(e => e.Name).ToArray()}::text[])
                           as i(email, normalized_email, id, name)
                ),
                existing as (
                    select c.normalized_email, c.id from surveys.contacts c join input using (normalized_email) where c.erased_at is null
                ),
                added as (
                    insert into surveys.contacts (tenant_id, id, email, normalized_email, name, created_at, updated_at)
                    select {tenant.RequiredTenantId}, i.id, i.email, i.normalized_email, i.name, {now}, {now}
                      from input i where not exists (select from existing e where e.normalized_email = i.normalized_email)
                    on conflict (tenant_id, normalized_email) where erased_at is null do nothing
                    returning normalized_email, id
                )
                select normalized_email, id from existing
                union all
                select normalized_email, id from added
                """).ToListAsync(cancellationToken);
            foreach (var row in rows) ids[row.NormalizedEmail] = row.Id;
        }

        return request.Emails.Select(email => ids[Contact.Normalize(email)]).ToList();
    }

    private static string? NameOf(IReadOnlyList<string?>? names, int index) =>
        names is not null && index < names.Count && !string.IsNullOrWhiteSpace(names[index]) ? names[index]!.Trim() : null;

    private sealed class ContactRow
    {
        public required string NormalizedEmail { get; init; }
        public Guid Id { get; init; }
    }
}
