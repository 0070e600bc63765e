using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>
/// PATCH with JSON Merge Patch semantics (RFC 7396): present fields replace, <c>null</c> clears, absent
/// fields stay; nested objects (followUpQuestions, schedule) merge. The result is validated whole.
/// </summary>
internal static class UpdateSurvey
{
    public sealed record Command(Guid Id, JsonObject Patch) : IRequest<SurveyView>, ITenantWrite;

    public sealed class Handler(
        SurveysDbContext db, IMediator mediator, IValidator<SurveyInput> validator, SurveyViews views, IWaveTriggers triggers, ITenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, SurveyView>
    {
        public async Task<SurveyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.Id, cancellationToken, track: true);
            if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("An archived survey cannot be changed.");

            var input = JsonMergePatch.Merge(JsonMergePatch.From(SurveyInput.From(survey)), command.Patch).As<SurveyInput>();

            var validation = await validator.ValidateAsync(input, cancellationToken);
            if (!validation.IsValid) throw new RequestValidationException(validation.Errors);
            if (input.Kind != survey.Kind) throw new RequestValidationException("kind", "A survey's kind cannot change; create a new survey instead.");
            await SurveyRules.EnsureDepartmentAsync(mediator, input.DepartmentId, cancellationToken);

            input.ApplyTo(survey);
            if (survey.Status == SurveyStatuses.Active && survey.IsRelationship && !survey.HasSchedule)
            {
                throw new ConflictException("An active relationship survey needs a schedule; pause it first to remove the schedule.");
            }

            survey.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await SurveyRules.ApplyTriggerAsync(db, mediator, tenant, triggers, survey, clock, cancellationToken);
            return await views.ViewAsync(survey, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
                body.ValueKind == JsonValueKind.Object
                    ? await mediator.Send(new UpdateSurvey.Command(id, JsonObject.Create(body)!), cancellationToken)
                    : throw new RequestValidationException("body", "Send a JSON object."))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change a survey (JSON Merge Patch: absent fields stay, null clears)")
            .Accepts<SurveyInput>("application/merge-patch+json", "application/json")
            .Produces<SurveyView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
