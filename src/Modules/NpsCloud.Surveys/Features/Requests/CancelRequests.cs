using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Requests;

/// <summary>Cancels what is still waiting to be sent to this address for this survey (an order cancelled, say).</summary>
internal static class CancelRequests
{
    public sealed record Command(Guid SurveyId, string Email) : IRequest<int>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            var normalized = Contact.Normalize(command.Email);
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.NormalizedEmail == normalized && c.ErasedAt == null, cancellationToken);
            if (contact is null) return 0;

            var pending = await db.Invitations
                .Where(i => i.SurveyId == survey.Id && i.ContactId == contact.Id && i.Status == InvitationStatuses.Scheduled)
                .ToListAsync(cancellationToken);
            foreach (var invitation in pending)
            {
                invitation.Status = InvitationStatuses.Cancelled;
                invitation.Reason = "cancelled by request";
            }

            // A survey that never went out does not count against the throttle window.
            var cancelled = pending.Select(i => i.Id).ToList();
            // The throttle window counts every department's surveys, not only those the caller sees.
            contact.LastSurveyedAt = await db.Invitations.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter])
                .Where(i => i.ContactId == contact.Id && !cancelled.Contains(i.Id)
                            && (i.Status == InvitationStatuses.Scheduled || i.Status == InvitationStatuses.Sent))
                .MaxAsync(i => (DateTimeOffset?)i.ScheduledAt, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return pending.Count;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}/requests", async (Guid id, string? email, IMediator mediator, CancellationToken cancellationToken) =>
                new SurveysRequestsCancelled(await mediator.Send(new CancelRequests.Command(id,
                    string.IsNullOrWhiteSpace(email) ? throw new RequestValidationException("email", "Name the address whose pending invitations to cancel.") : email), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Cancel the invitations still waiting to be sent to ?email= for this survey")
            .Produces<SurveysRequestsCancelled>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

internal sealed record SurveysRequestsCancelled(int Cancelled);
