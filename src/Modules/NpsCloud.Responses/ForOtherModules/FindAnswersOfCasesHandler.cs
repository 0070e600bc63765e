using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>
/// The answers of cases the caller was already allowed to see (the inbox's rows, a case page): past the
/// department filter, since a case moved to another department still shows what the person said.
/// </summary>
internal sealed class FindAnswersOfCasesHandler(ResponsesDbContext db) : IRequestHandler<FindAnswersOfCases, IReadOnlyDictionary<Guid, ResponseSummary>>
{
    public const int MaxIds = 500;

    public async Task<IReadOnlyDictionary<Guid, ResponseSummary>> Handle(FindAnswersOfCases query, CancellationToken cancellationToken)
    {
        if (query.ResponseIds.Count == 0) return new Dictionary<Guid, ResponseSummary>();
        var ids = query.ResponseIds.Distinct().Take(MaxIds).ToList();
        return await db.Responses.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
    }
}
