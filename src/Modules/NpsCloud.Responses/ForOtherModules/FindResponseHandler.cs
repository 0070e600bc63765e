using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>Answers other modules that show an answer (a follow-up case shows the score and comment it is about).</summary>
internal sealed class FindResponseHandler(ResponsesDbContext db) : IRequestHandler<FindResponse, ResponseSummary?>
{
    public async Task<ResponseSummary?> Handle(FindResponse query, CancellationToken cancellationToken) =>
        await db.Responses.AsNoTracking()
            .Where(r => r.Id == query.ResponseId)
            .Select(r => new ResponseSummary(r.Id, r.SurveyId, r.ContactId, r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale, r.Revision, r.RespondedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
