using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Responses.Domain;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Features.OpenLinkAnswers;

/// <summary>
/// The form of <c>/s/{slug}</c> is sent: the answer is recorded at once (channel <c>link</c>, no invitation)
/// and reported as <see cref="ResponseRecorded"/>, so it counts in every figure and opens follow-ups like
/// any other answer, apart from invitation answers in the response rate. Before it: the link must be live,
/// under its daily cap, and (outside a kiosk) the device must not have answered within a day. The hidden
/// fields' values become the response's properties; an email makes the answer the contact's (added when
/// new, with the name given). With "one answer per person", an address that already answered is refused.
/// </summary>
internal static class SubmitOpenLinkAnswer
{
    public const int MaxValueLength = 200;

    /// <param name="Link">The link the page found (<see cref="FindOpenLink"/>).</param>
    /// <param name="Values">The values of the link's hidden fields from the page's address.</param>
    public sealed record Command(
        OpenLinkInfo Link,
        Device Device,
        int? Score,
        [MultiLine] string? Comment,
        string? Name,
        string? Email,
        string? Locale,
        IReadOnlyDictionary<string, string> Values) : IRequest<Outcome>, IPublicAnswer;

    /// <param name="Category">The answer's category, when it was recorded.</param>
    public sealed record Outcome(OpenLinkState State, string? Category);

    public sealed class Validator : PublicAnswerValidator<Command>
    {
        public Validator(IStringLocalizer<ResponsesText> text) : base(text)
        {
            RuleForEach(r => r.Values).Must(v => v.Value.Length <= MaxValueLength && !v.Value.Any(char.IsControl))
                .WithMessage(_ => text["Validation.TooLong", MaxValueLength]).OverridePropertyName("values");
        }
    }

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, TenantContext tenant, IStringLocalizer<ResponsesText> text, TimeProvider clock)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command input, CancellationToken cancellationToken)
        {
            var link = input.Link;
            tenant.Set(link.TenantId);
            var email = string.IsNullOrWhiteSpace(input.Email) || !link.CollectEmail ? null : input.Email.Trim();
            var name = string.IsNullOrWhiteSpace(input.Name) || !link.CollectName ? null : input.Name.Trim();
            if (link.OneAnswerPerPerson && email is null) throw new RequestValidationException("email", text["Validation.OpenLink.EmailRequired"]);
            if (!link.Live) return new Outcome(OpenLinkState.Closed, null);
            // The contact first, in its own statement (another module's table, outside this transaction).
            Guid? contactId = email is null ? null : (await mediator.Send(new ResolveContacts([email], [name]), cancellationToken))[0];

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // One answer at a time per link, so that the cap and the guard count what is really there.
            await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtextextended({"open-link:" + link.SurveyId}, 0))", cancellationToken);
            var now = clock.GetUtcNow();
            var state = await OpenLinkAnswerRules.StateAsync(db, link, input.Device, now, cancellationToken);
            if (state != OpenLinkState.Open) return new Outcome(state, null);
            if (link.OneAnswerPerPerson && await db.Responses.AnyAsync(r => r.SurveyId == link.SurveyId && r.ContactId == contactId, cancellationToken))
            {
                throw new RequestValidationException("email", text["Validation.OpenLink.AlreadyAnswered"]);
            }

            var properties = input.Values.Where(v => link.HiddenFields.Contains(v.Key) && v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value);
            // A name given without an address has no contact to go to: it stays with the answer.
            if (name is not null && contactId is null) properties["name"] = name;
            var response = new Response
            {
                TenantId = link.TenantId,
                Id = Guid.CreateVersion7(now),
                SurveyId = link.SurveyId,
                ContactId = contactId,
                DepartmentId = link.DepartmentId,
                Touchpoint = link.Touchpoint,
                Channel = ResponseChannels.Link,
                Score = input.Score!.Value,
                Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
                Locale = input.Locale is "en" or "tr" ? input.Locale : link.Locale,
                Properties = JsonSerializer.Serialize(properties),
                RespondedAt = now,
                RecordedAt = now,
                UpdatedAt = now,
            };
            db.Responses.Add(response);
            db.Publish(response.Recorded(now));
            if (!link.Kiosk) await RememberDeviceAsync(link, input.Device.HashWith(link.DeviceSalt), now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(OpenLinkState.Open, NpsCategories.Of(response.Score));
        }

        private async Task RememberDeviceAsync(OpenLinkInfo link, byte[] deviceHash, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var expired = now - OpenLinkAnswerRules.GuardWindow;
            await db.Database.ExecuteSqlAsync($"""
                delete from responses.open_link_devices where survey_id = {link.SurveyId} and answered_at <= {expired};
                insert into responses.open_link_devices (tenant_id, survey_id, device_hash, answered_at)
                values ({link.TenantId}, {link.SurveyId}, {deviceHash}, {now})
                on conflict (tenant_id, survey_id, device_hash) do update set answered_at = excluded.answered_at
                """, cancellationToken);
        }
    }
}
