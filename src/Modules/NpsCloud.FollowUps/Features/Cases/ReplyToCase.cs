using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The body of <c>POST /follow-ups/{id}/replies</c>.</summary>
internal sealed record FollowUpsReplyBody(string? Subject, string? Body);

/// <summary>
/// <c>POST /follow-ups/{id}/replies</c>: writes to the person by email from the case (ADR 0035). The mail
/// goes out now, from the company's sender identity (ADR 0029: "{sender} via NpsCloud" at the platform
/// address, or the company's proved own address), with Reply-To the person who wrote it (the company's
/// reply-to for an API key), in the person's language, the text as written (plain text; escaped in the
/// HTML part). The history keeps the text, subject and address; the first reply is the first contact.
/// A mail server that cannot take it now is a 503 and nothing is kept; an anonymous answer has no address (409),
/// and a company that has not verified its address may write only to its owners (409), as with invitations.
/// </summary>
internal static class ReplyToCase
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;

    /// <summary>At most this many replies per case in any 24 hours (429 beyond): a slip of a script, or of a finger, never floods a customer.</summary>
    public const int MaxRepliesPerDay = 5;

    public sealed record Command(Guid CaseId, string? Subject, [MultiLine] string? Body, CaseActor Actor) : IRequest<CaseDetail.HistoryEntry>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text)
        {
            RuleFor(c => c.Body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => text["Validation.ReplyRequired"])
                .MaximumLength(MaxBodyLength).WithMessage(_ => text["Validation.TooLong", MaxBodyLength]);
            RuleFor(c => c.Subject).MaximumLength(MaxSubjectLength).WithMessage(_ => text["Validation.TooLong", MaxSubjectLength]);
        }
    }

    public sealed class Handler(
        FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, IEmailSender mail, IStringLocalizer<FollowUpsText> text, TimeProvider clock)
        : IRequestHandler<Command, CaseDetail.HistoryEntry>
    {
        public async Task<CaseDetail.HistoryEntry> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken, track: true);
            var now = clock.GetUtcNow();
            ContactInfo? contact = null;
            if (followUp.ContactId is { } contactId) (await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken)).TryGetValue(contactId, out contact);
            if (contact?.Email is not { } email) throw new ConflictException(text["Reply.NoAddress"]);
            // As invitations (ADR 0024): a company that has not proved its address writes to nobody but its owners.
            if (!(await mediator.Send(new GetEmailVerification(tenant.RequiredTenantId), cancellationToken)).MaySendTo(email))
            {
                throw new ConflictException(text["Reply.Unverified"]);
            }
            var since = now.AddDays(-1);
            if (await db.Events.CountAsync(e => e.CaseId == followUp.Id && e.Kind == CaseEventKinds.Replied && e.At > since, cancellationToken) >= MaxRepliesPerDay)
            {
                throw new ReplyLimitException(text["Reply.Limit", MaxRepliesPerDay]);
            }

            var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
            var writer = command.Actor.UserId is { } userId && (await mediator.Send(new FindUsers([userId]), cancellationToken)).TryGetValue(userId, out var user) ? user : null;
            var answer = (await mediator.Send(new NpsCloud.Contracts.Responses.FindAnswersOfCases([followUp.ResponseId]), cancellationToken)).GetValueOrDefault(followUp.ResponseId);
            var locale = answer?.Locale is "tr" or "en" ? answer.Locale : profile.Locale;
            var body = command.Body!.Trim();
            string subject;
            EmailMessage message;
            var reply = CaseRules.Event(followUp, CaseEventKinds.Replied, command.Actor, now, text: body);
            using (CultureScope.Use(locale))
            {
                subject = string.IsNullOrWhiteSpace(command.Subject) ? text["Reply.DefaultSubject", profile.Name] : command.Subject.Trim();
                var paragraphs = body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                paragraphs.Add($"{command.Actor.Name}, {profile.Name}");
                var (plain, html) = EmailLayout.Render(subject, paragraphs, null, null, text["Reply.Footer", profile.Name]);
                message = new EmailMessage(email, subject, plain, html)
                {
                    ToName = contact.Name,
                    // The company's sender identity, as its invitations have it (ADR 0029).
                    FromName = profile.MailFromName,
                    FromAddress = profile.SenderAddress,
                    ReplyTo = writer?.Email ?? profile.ReplyTo,
                    // Derived from the history entry, so a retried send is recognisably the same message.
                    Headers = new Dictionary<string, string> { ["Message-ID"] = $"<{reply.Id:N}.reply@npscloud.invalid>" },
                };
            }

            try
            {
                await mail.SendAsync(message, cancellationToken);
            }
            catch (EmailRejectedException)
            {
                throw new ConflictException(text["Reply.Rejected", email]);
            }

            db.Events.Add(reply);
            db.EventDetails.Add(new CaseEventDetail { EventId = reply.Id, Subject = subject, Recipient = email });
            CaseRules.CountAsContact(db, tenant, followUp, command.Actor, now);
            await CaseRules.SaveAsync(db, cancellationToken);
            return CaseDetail.HistoryEntry.From(reply, new CaseEventDetail { EventId = reply.Id, Subject = subject, Recipient = email });
        }
    }

    /// <summary>More replies to one case in a day than <see cref="MaxRepliesPerDay"/>.</summary>
    public sealed class ReplyLimitException(string detail) : DomainException(429, "reply_limit", "Too many replies", detail);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/replies", async (Guid id, FollowUpsReplyBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var reply = await mediator.Send(new ReplyToCase.Command(id, body.Subject, body.Body, CaseRules.ActorOf(user, tenant)), cancellationToken);
                return Results.Created($"/api/v1/follow-ups/{id}", reply);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Email the person from the case ({\"subject\": \"...\", \"body\": \"...\"}), from the company's sender; the first reply is the first contact; honours Idempotency-Key")
            .Produces<CaseDetail.HistoryEntry>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
