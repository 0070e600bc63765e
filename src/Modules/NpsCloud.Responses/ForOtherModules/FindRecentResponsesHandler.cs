using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>The newest answers of the given categories (at most 100), for other modules: the follow-ups demo opens its cases on them.</summary>
internal sealed class FindRecentResponsesHandler(ResponsesDbContext db) : IRequestHandler<FindRecentResponses, IReadOnlyList<ResponseSummary>>
{
    public async Task<IReadOnlyList<ResponseSummary>> Handle(FindRecentResponses query, CancellationToken cancellationToken)
    {
        var categories = query.Categories.ToList();
        return await db.Responses.AsNoTracking()
            .Where(r => categories.Contains(r.Category) && !r.SuspectedAutomation)
            .OrderByDescending(r => r.Id)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .ToListAsync(cancellationToken);
    }
}
