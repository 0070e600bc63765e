using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Segments;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Audience;

/// <summary>
/// <c>PUT /surveys/{id}/audience</c>: whom a relationship survey asks besides its explicit members:
/// nobody else (<c>members</c>), every subscribed contact (<c>all</c>) or a segment's matches, re-read at
/// every wave (<c>segment</c>). Reaching the whole company is for managers: a caller limited to
/// departments may only choose <c>members</c>.
/// </summary>
internal static class SetAudience
{
    public sealed record Body(string? Mode, Guid? SegmentId);

    public sealed record Command(Guid SurveyId, string? Mode, Guid? SegmentId) : IRequest<AudienceView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Mode).Must(m => m is not null && Audiences.Modes.Contains(m)).WithMessage(_ => text["Validation.AudienceMode"]);
            RuleFor(c => c.SegmentId).NotNull().When(c => c.Mode == Audiences.Segment).WithMessage(_ => text["Validation.AudienceSegment"]);
            RuleFor(c => c.SegmentId).Null().When(c => c.Mode != Audiences.Segment).WithMessage(_ => text["Validation.AudienceSegmentOnly"]);
        }
    }

    public sealed class Handler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, IWaveTriggers triggers, TimeProvider clock) : IRequestHandler<Command, AudienceView>
    {
        public async Task<AudienceView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken, track: true);
            if (!survey.IsRelationship) throw new ConflictException("Only relationship surveys have an audience; transactional surveys are sent by request.");
            if (command.Mode != Audiences.Members && tenant.VisibleDepartments is not null) throw new DepartmentLimitedException();
            if (command.SegmentId is { } segmentId) await SegmentRules.FindAsync(db, segmentId, cancellationToken);
            survey.Audience = command.Mode!;
            survey.SegmentId = command.SegmentId;
            survey.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return await AudienceRules.ViewAsync(db, mediator, tenant, triggers, clock, survey, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/audience", (Guid id, SetAudience.Body body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new SetAudience.Command(id, body.Mode, body.SegmentId), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Choose whom the survey asks besides its members: nobody else (members), every subscribed contact (all) or a segment, re-read at every wave")
            .Produces<AudienceView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
