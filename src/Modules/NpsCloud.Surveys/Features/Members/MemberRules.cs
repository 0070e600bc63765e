using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;

namespace NpsCloud.Surveys.Features.Members;

internal static class MemberRules
{
    /// <summary>The contact ids meant: given ids must exist (else 404); addresses are found, or added when allowed.</summary>
    public static async Task<List<Guid>> ResolveAsync(SurveysDbContext db, MembersInput input, DateTimeOffset now, bool createMissing, CancellationToken cancellationToken)
    {
        var ids = (input.ContactIds ?? []).Distinct().ToList();
        var known = await db.Contacts.CountAsync(c => ids.Contains(c.Id) && c.ErasedAt == null, cancellationToken);
        if (known != ids.Count) throw new NotFoundException("A contact named");

        foreach (var email in (input.Emails ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (createMissing)
            {
                var (contact, _) = await ContactRules.UpsertAsync(db, email, null, null, null, now, cancellationToken);
                ids.Add(contact.Id);
            }
            else
            {
                var normalized = Contact.Normalize(email);
                var id = await db.Contacts.Where(c => c.NormalizedEmail == normalized && c.ErasedAt == null).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
                if (id is { } found) ids.Add(found);
            }
        }

        return ids.Distinct().ToList();
    }

    /// <summary>Makes the contacts members of the survey (saved by the caller); answers how many were added and how many already were.</summary>
    public static async Task<(int Added, int AlreadyMembers)> AddAsync(
        SurveysDbContext db, Guid surveyId, IReadOnlyCollection<Guid> contactIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = contactIds.Distinct().ToList();
        var existing = await db.Members.Where(m => m.SurveyId == surveyId && ids.Contains(m.ContactId)).Select(m => m.ContactId).ToListAsync(cancellationToken);
        var added = ids.Except(existing).ToList();
        db.Members.AddRange(added.Select(id => new SurveyMember { SurveyId = surveyId, ContactId = id, AddedAt = now }));
        return (added.Count, existing.Count);
    }
}
