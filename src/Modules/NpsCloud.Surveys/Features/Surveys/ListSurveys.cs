using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class ListSurveys
{
    /// <summary>Every survey, newest first (the app's list).</summary>
    public sealed record Query(string? Status = null, string? Kind = null) : IRequest<List<SurveyView>>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, List<SurveyView>>
    {
        public async Task<List<SurveyView>> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAllAsync(await Filtered(db, query.Status, query.Kind).OrderByDescending(s => s.Id).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Archived surveys only when asked for by status.</summary>
    public static IQueryable<Survey> Filtered(SurveysDbContext db, string? status, string? kind) => db.Surveys.AsNoTracking()
        .Where(s => status == null ? s.Status != SurveyStatuses.Archived : s.Status == status)
        .Where(s => kind == null || s.Kind == kind);
}
