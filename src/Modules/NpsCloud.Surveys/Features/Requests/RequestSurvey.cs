using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Requests;

/// <summary>
/// The integrator's main call: right after an interaction, survey this person about it. The contact is
/// added or updated (name, language and properties); the invitation keeps the request's properties too, and goes out after <c>delaySeconds</c>, unless the person unsubscribed,
/// bounced, or was surveyed within the company's throttle window (then nothing is sent, and the answer
/// says why).
/// </summary>
internal static class RequestSurvey
{
    public const int MaxDelaySeconds = 30 * 24 * 3600;

    public sealed record Command(Guid SurveyId, string Email, string? Name = null, JsonElement? Properties = null, string? Locale = null, int? DelaySeconds = null)
        : IRequest<Outcome>, ITenantWrite;

    /// <summary>Either an invitation and when it goes out, or <c>throttled</c> with the reason nothing will.</summary>
    public sealed record Outcome(Guid? InvitationId, DateTimeOffset? ScheduledAt, bool Throttled, string? Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email).ValidContactEmail(text);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
            RuleFor(c => c.Locale).ValidOptionalLocale(text);
            RuleFor(c => c.Properties).ValidProperties(text);
            RuleFor(c => c.DelaySeconds).InclusiveBetween(0, MaxDelaySeconds).When(c => c.DelaySeconds is not null)
                .WithMessage(_ => text["Validation.Between", 0, MaxDelaySeconds]);
        }
    }

    public sealed class Handler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, SendingSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (survey.IsRelationship)
            {
                throw new ConflictException("Requests are for transactional surveys; a relationship survey goes to its members in waves.");
            }

            if (survey.Status != SurveyStatuses.Active) throw new ConflictException($"The survey is {survey.Status}: activate it to send requests.");

            var now = clock.GetUtcNow();
            var (contact, _) = await ContactRules.UpsertAsync(db, command.Email, command.Name, command.Locale, command.Properties, now, cancellationToken);
            var throttleDays = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ThrottleDays;
            var reason = contact.Suppression is { } suppressed
                ? suppressed
                : contact.SurveyedWithin(throttleDays, now)
                    ? $"surveyed within the last {throttleDays} days (on {contact.LastSurveyedAt:yyyy-MM-dd})"
                    : null;

            var scheduledAt = now.AddSeconds(command.DelaySeconds ?? 0);
            var invitation = new Invitation
            {
                Id = Guid.CreateVersion7(now),
                SurveyId = survey.Id,
                ContactId = contact.Id,
                Status = reason is null ? InvitationStatuses.Scheduled : contact.Suppression is null ? InvitationStatuses.Throttled : InvitationStatuses.Suppressed,
                Reason = reason,
                Locale = command.Locale ?? contact.Locale ?? survey.Locale,
                Properties = command.Properties is { ValueKind: JsonValueKind.Object } properties ? properties.GetRawText() : "{}",
                ScheduledAt = scheduledAt,
                NextAttemptAt = scheduledAt,
                ExpiresAt = scheduledAt.AddDays(survey.LinkValidDays),
                CreatedAt = now,
            };
            db.Invitations.Add(invitation);
            if (reason is null) contact.LastSurveyedAt = scheduledAt;
            await db.SaveChangesAsync(cancellationToken);

            if (reason is not null) return new Outcome(null, null, true, reason);
            if (scheduledAt <= now) signal.Notify();
            return new Outcome(invitation.Id, scheduledAt, false, null);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/requests", async (Guid id, SurveysRequestBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var outcome = await mediator.Send(
                    new RequestSurvey.Command(id, body.Email, body.Name, body.Properties, body.Locale, body.DelaySeconds), cancellationToken);
                return outcome.Throttled
                    ? Results.Ok(new SurveysRequestThrottled(true, outcome.Reason))
                    : Results.Json(new SurveysRequestScheduled(outcome.InvitationId, outcome.ScheduledAt), statusCode: StatusCodes.Status202Accepted);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Survey one person about an interaction: 202 with the invitation, or 200 throttled with the reason")
            .WithIdempotencyKey()
            .Produces<SurveysRequestScheduled>(StatusCodes.Status202Accepted)
            .Produces<SurveysRequestThrottled>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

internal sealed record SurveysRequestBody(string Email, string? Name, JsonElement? Properties, string? Locale, int? DelaySeconds);

internal sealed record SurveysRequestScheduled(Guid? InvitationId, DateTimeOffset? ScheduledAt);

/// <summary>Nothing will be sent: <c>reason</c> says why (throttled, unsubscribed, bounced).</summary>
internal sealed record SurveysRequestThrottled(bool Throttled, string? Reason);
