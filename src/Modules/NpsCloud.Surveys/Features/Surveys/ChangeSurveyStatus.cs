using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>activate (from draft or paused), pause (from active), archive (from anything but archived).</summary>
internal static class ChangeSurveyStatus
{
    public sealed record Command(Guid Id, string Action) : IRequest<SurveyView>, ITenantWrite;

    public sealed class Handler(SurveysDbContext db, IMediator mediator, SurveyViews views, IWaveTriggers triggers, ITenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, SurveyView>
    {
        public async Task<SurveyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.Id, cancellationToken, track: true);
            survey.Status = (command.Action, survey.Status) switch
            {
                ("activate", SurveyStatuses.Draft or SurveyStatuses.Paused) when survey.IsRelationship && !survey.HasSchedule =>
                    throw new ConflictException("Give the survey a schedule before activating it: relationship surveys go out in waves."),
                ("activate", SurveyStatuses.Draft or SurveyStatuses.Paused) => SurveyStatuses.Active,
                ("pause", SurveyStatuses.Active) => SurveyStatuses.Paused,
                ("archive", not SurveyStatuses.Archived) => SurveyStatuses.Archived,
                _ => throw new ConflictException($"A {survey.Status} survey cannot be {Past(command.Action)}."),
            };
            survey.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await SurveyRules.ApplyTriggerAsync(db, mediator, tenant, triggers, survey, clock, cancellationToken);
            return await views.ViewAsync(survey, cancellationToken);
        }

        private static string Past(string action) => action switch { "activate" => "activated", "pause" => "paused", _ => "archived" };
    }

    public static void Map(RouteGroupBuilder group)
    {
        foreach (var action in new[] { "activate", "pause", "archive" })
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                    mediator.Send(new ChangeSurveyStatus.Command(id, action), cancellationToken))
                .RequireAuthorization(ApiAuthorization.Write)
                .WithSummary(action switch
                {
                    "activate" => "Start sending: waves on the schedule, or requests",
                    "pause" => "Stop sending; pending invitations wait",
                    _ => "Retire the survey; nothing more is sent",
                })
                .Produces<SurveyView>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }
}
