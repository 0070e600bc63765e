using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Sending;

/// <summary>
/// "Send the first wave now" on a relationship survey: a draft or paused survey is activated on the way
/// (no schedule or first-wave time needed: without one the survey is sent once, by hand), and a wave
/// starts at this minute through <see cref="StartWave"/>, so its invitations are queued before the call
/// answers. Sending again within the same minute is the same wave; members surveyed within the throttle
/// window are recorded as throttled, as in any wave. A schedule then goes on from its next time after now.
/// </summary>
internal static class SendWaveNow
{
    public sealed record Command(Guid SurveyId) : IRequest<Started>, ITenantWrite;

    /// <param name="Invited">Invitations this wave queued (going out now); <paramref name="Throttled"/> members were surveyed too recently.</param>
    public sealed record Started(Guid SurveyId, string Status, DateTimeOffset Slot, int Invited, int Throttled, DateTimeOffset? NextWaveAt);

    public sealed class Handler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, IWaveTriggers triggers, TimeProvider clock)
        : IRequestHandler<Command, Started>
    {
        public async Task<Started> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken, track: true);
            if (!survey.IsRelationship)
            {
                throw new ConflictException("Only a relationship survey is sent in waves; a transactional survey goes out by requests.");
            }

            if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("The survey is archived: nothing more is sent.");
            var now = clock.GetUtcNow();
            if (survey.Status != SurveyStatuses.Active)
            {
                survey.Status = SurveyStatuses.Active;
                survey.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
            }

            // A minute names the wave: a double click, or a retry, starts nothing twice.
            var slot = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            var result = await mediator.Send(new StartWave.Command(survey.Id, slot), cancellationToken);
            if (!result.Started)
            {
                throw new ConflictException("The wave could not start: the survey is not active, or the company's trial has ended.");
            }

            // The wave just started counts as the survey's first: a schedule whose first time has passed resumes
            // at its next time rather than sending a second wave now.
            await SurveyRules.ApplyTriggerAsync(db, mediator, tenant, triggers, survey, clock, cancellationToken);
            return new Started(survey.Id, survey.Status, slot, result.Invited, result.Throttled,
                await triggers.NextWaveAsync(survey.TenantId, survey.Id, cancellationToken));
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/waves", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Json(await mediator.Send(new Command(id), cancellationToken), statusCode: StatusCodes.Status201Created))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Send a relationship survey's wave now (a draft or paused survey is activated on the way)")
            .WithIdempotencyKey()
            .Produces<Started>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
