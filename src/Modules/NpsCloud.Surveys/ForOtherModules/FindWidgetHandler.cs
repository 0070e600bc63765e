using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Features.Widgets;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The public widget's way in (its script and its answers): the widget with this public id, in its tenant,
/// with what it says in both languages. It reads in a scope of the widget's tenant and leaves the caller's alone.
/// </summary>
internal sealed class FindWidgetHandler(AppDataSource dataSource, IServiceScopeFactory scopes) : IRequestHandler<FindWidget, WidgetInfo?>
{
    public async Task<WidgetInfo?> Handle(FindWidget request, CancellationToken cancellationToken)
    {
        if (await WidgetRules.FindTenantAsync(dataSource, request.WidgetId, cancellationToken) is not { } tenantId) return null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var wording = scope.ServiceProvider.GetRequiredService<SurveyWording>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var widget = await db.Widgets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == request.WidgetId, cancellationToken);
        if (widget is null) return null;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == widget.SurveyId, cancellationToken);
        var company = (await mediator.Send(new GetTenantProfile(tenantId), cancellationToken)).Name;
        var texts = wording.InBothLanguages(survey, company);
        return new WidgetInfo(
            tenantId, widget.Id, survey.Id, widget.Enabled && survey.Status != SurveyStatuses.Archived, widget.AllowedOrigins,
            survey.DepartmentId, survey.Touchpoint, survey.Locale, texts, survey.BrandColor,
            new WidgetBehaviour(widget.Display, widget.InlineSelector ?? Widget.DefaultInlineSelector, widget.PathPatterns, widget.DelaySeconds,
                widget.SamplingPercent, widget.SnoozeDaysAfterAnswer, widget.SnoozeDaysAfterDismiss));
    }
}
