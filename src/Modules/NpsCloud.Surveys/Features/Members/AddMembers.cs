using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

/// <summary>
/// <c>POST /surveys/{id}/members</c>: adds contacts by id and by address (new addresses become contacts).
/// A bad address never stops the good ones: they are added and the bad ones come back in
/// <see cref="Result.Rejected"/> with the reason. Only when nothing valid was given is it a 400.
/// </summary>
internal static class AddMembers
{
    public const int MaxPerRequest = 1000;

    public sealed record Command(Guid SurveyId, MembersInput Members) : IRequest<Result>, ITenantWrite;

    /// <param name="Rejected">Every address given that was not added, as typed, with why.</param>
    public sealed record Result(int Added, int AlreadyMembers, IReadOnlyList<RejectedAddress> Rejected);

    public sealed record RejectedAddress(string Email, string Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text, IValidator<UpsertContact.Command> contact)
        {
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) > 0)
                .WithMessage(_ => text["Validation.MembersEmpty"]).OverridePropertyName("emails");
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) <= MaxPerRequest)
                .WithMessage(_ => text["Validation.MembersTooMany"]).OverridePropertyName("emails");
            // Nothing valid at all: each address is named with its reason, as before.
            When(c => (c.Members.ContactIds?.Length ?? 0) == 0 && c.Members.Emails is { Length: > 0 } emails && emails.All(e => Reason(contact, e) is not null), () =>
                RuleForEach(c => c.Members.Emails).Must(e => Reason(contact, e) is null).WithMessage((_, e) => Reason(contact, e)!).OverridePropertyName("emails"));
        }
    }

    /// <summary>Why an address cannot be a contact (the contact rules' own words), or null when it can.</summary>
    public static string? Reason(IValidator<UpsertContact.Command> contact, string? email) =>
        contact.Validate(new UpsertContact.Command((email ?? "").Trim())).Errors.Select(e => e.ErrorMessage).FirstOrDefault();

    public sealed class Handler(SurveysDbContext db, IValidator<UpsertContact.Command> contact, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (!survey.IsRelationship) throw new ConflictException("Only relationship surveys have members; transactional surveys are sent by request.");
            var now = clock.GetUtcNow();
            var rejected = new List<RejectedAddress>();
            var good = new List<string>();
            foreach (var email in command.Members.Emails ?? [])
            {
                if (Reason(contact, email) is { } reason) rejected.Add(new RejectedAddress(email ?? "", reason));
                else good.Add(email.Trim());
            }

            var ids = await MemberRules.ResolveAsync(db, command.Members with { Emails = [.. good] }, now, createMissing: true, cancellationToken);
            var (added, existing) = await MemberRules.AddAsync(db, survey.Id, ids, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(added, existing, rejected);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/members", (Guid id, MembersInput members, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new AddMembers.Command(id, members), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add members by emails (new addresses become contacts) or contactIds; bad addresses come back in rejected, the good ones are added")
            .WithIdempotencyKey()
            .Produces<AddMembers.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
