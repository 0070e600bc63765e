using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>A person's earlier answers for the follow-up case page; the department filter of the context keeps a head to their departments.</summary>
internal sealed class ListAnswersOfContactHandler(ResponsesDbContext db) : IRequestHandler<ListAnswersOfContact, IReadOnlyList<ResponseSummary>>
{
    public async Task<IReadOnlyList<ResponseSummary>> Handle(ListAnswersOfContact query, CancellationToken cancellationToken) =>
        await db.Responses.AsNoTracking()
            .Where(r => r.ContactId == query.ContactId && r.RespondedAt < query.Before && !r.SuspectedAutomation)
            .OrderByDescending(r => r.RespondedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(query.Limit, 1, 50))
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .ToListAsync(cancellationToken);
}
