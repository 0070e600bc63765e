using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.Features;

/// <summary>Answers other modules that show an answer (a follow-up case shows the score and comment it is about).</summary>
internal sealed class FindResponseHandler(ResponsesDbContext db) : IRequestHandler<FindResponse, ResponseSummary?>
{
    public async Task<ResponseSummary?> Handle(FindResponse query, CancellationToken cancellationToken) =>
        await db.Responses.AsNoTracking()
            .Where(r => r.Id == query.ResponseId)
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class FindRecentResponsesHandler(ResponsesDbContext db) : IRequestHandler<FindRecentResponses, IReadOnlyList<ResponseSummary>>
{
    public async Task<IReadOnlyList<ResponseSummary>> Handle(FindRecentResponses query, CancellationToken cancellationToken)
    {
        var categories = query.Categories.ToList();
        return await db.Responses.AsNoTracking()
            .Where(r => categories.Contains(r.Category))
            .OrderByDescending(r => r.Id)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .ToListAsync(cancellationToken);
    }
}
