using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

/// <summary>
/// <c>POST /surveys/{id}/members/import</c>: a contacts CSV uploaded straight into a relationship survey.
/// Its good rows create or update contacts exactly as <c>POST /contacts/import</c> does, and become
/// members; a bad row is reported with its line and field and never stops the good ones.
/// </summary>
internal static class ImportMembers
{
    public sealed record Command(Guid SurveyId, Stream Csv) : IRequest<Result>, ITenantWrite, IManagersOnly;

    /// <param name="Created">Contacts the file added.</param>
    /// <param name="Updated">Contacts that existed and were updated.</param>
    /// <param name="Rejected">Rows refused (listed in <paramref name="Errors"/>, at most 1000).</param>
    /// <param name="Added">Contacts that became members.</param>
    /// <param name="AlreadyMembers">Contacts of the file that already were members.</param>
    public sealed record Result(int Created, int Updated, int Rejected, IReadOnlyList<ImportContacts.RowError> Errors, IReadOnlyList<ImportContacts.RowError> Warnings, int Added, int AlreadyMembers);

    public sealed class Handler(SurveysDbContext db, ContactCsv csv, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (!survey.IsRelationship) throw new ConflictException("Only relationship surveys have members; transactional surveys are sent by request.");
            int added = 0, already = 0;
            var imported = await csv.ImportAsync(command.Csv, async (contacts, token) =>
            {
                var (newly, existing) = await MemberRules.AddAsync(db, survey.Id, contacts, clock.GetUtcNow(), token);
                added += newly;
                already += existing;
            }, cancellationToken);
            return new Result(imported.Created, imported.Updated, imported.Rejected, imported.Errors, imported.Warnings, added, already);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        // No Idempotency-Key, as for the contacts import: the same file again adds nobody twice.
        group.MapPost("/{id:guid}/members/import", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw new UnsupportedMediaTypeException("Send the file as text/csv.");
                }

                return Results.Ok(await mediator.Send(new ImportMembers.Command(id, request.Body), cancellationToken));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Upload a contacts CSV into a relationship survey: contacts created or updated as by /contacts/import, then added as members")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<string>("text/csv")
            .Produces<ImportMembers.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
