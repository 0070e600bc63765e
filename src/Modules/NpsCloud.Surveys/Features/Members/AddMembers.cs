using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

internal static class AddMembers
{
    public sealed record Command(Guid SurveyId, MembersInput Members) : IRequest<Result>, ITenantWrite;

    public sealed record Result(int Added, int AlreadyMembers);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(Microsoft.Extensions.Localization.IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) > 0)
                .WithMessage(_ => text["Validation.MembersEmpty"]).OverridePropertyName("emails");
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) <= 1000)
                .WithMessage(_ => text["Validation.MembersTooMany"]).OverridePropertyName("emails");
            RuleForEach(c => c.Members.Emails).ValidContactEmail(text).OverridePropertyName("emails");
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (!survey.IsRelationship) throw new ConflictException("Only relationship surveys have members; transactional surveys are sent by request.");
            var now = clock.GetUtcNow();
            var ids = await MemberRules.ResolveAsync(db, command.Members, now, createMissing: true, cancellationToken);
            var existing = await db.Members.Where(m => m.SurveyId == survey.Id && ids.Contains(m.ContactId)).Select(m => m.ContactId).ToListAsync(cancellationToken);
            var added = ids.Except(existing).ToList();
            db.Members.AddRange(added.Select(id => new SurveyMember { SurveyId = survey.Id, ContactId = id, AddedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(added.Count, existing.Count);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/members", (Guid id, MembersInput members, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new AddMembers.Command(id, members), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add members by emails (new addresses become contacts) or contactIds")
            .WithIdempotencyKey()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
