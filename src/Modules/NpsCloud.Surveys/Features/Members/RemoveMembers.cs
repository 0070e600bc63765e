using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

internal static class RemoveMembers
{
    public sealed record Command(Guid SurveyId, MembersInput Members) : IRequest<Result>, ITenantWrite;

    public sealed record Result(int Removed);

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            var ids = await MemberRules.ResolveAsync(db, command.Members, clock.GetUtcNow(), createMissing: false, cancellationToken);
            var members = await db.Members.Where(m => m.SurveyId == survey.Id && ids.Contains(m.ContactId)).ToListAsync(cancellationToken);
            db.Members.RemoveRange(members);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(members.Count);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}/members", (Guid id, [FromBody] MembersInput members, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RemoveMembers.Command(id, members), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove members by emails or contactIds");
    }
}
