using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// <c>POST /responses</c>: one answer collected elsewhere (a call centre, a kiosk, another tool). The
/// survey gives its department and touchpoint unless the answer names its own; the new response is
/// reported as <see cref="ResponseRecorded"/>, so scores and follow-ups see it like any other.
/// </summary>
internal static class RecordResponse
{
    /// <summary>
    /// A response collected elsewhere, as the import API takes it: one in <c>POST /responses</c> (whose body is
    /// <see cref="ResponseInput"/>), or one row of a bulk import. The person is named by <c>email</c> (a new
    /// address becomes a contact) or <c>contactId</c>.
    /// </summary>
    public sealed record Command(
        Guid? SurveyId,
        string? Email,
        Guid? ContactId,
        int? Score,
        [MultiLine] string? Comment = null,
        DateTimeOffset? CreatedAt = null,
        Guid? DepartmentId = null,
        string? Touchpoint = null,
        JsonElement? Properties = null) : IRequest<ResponseView>, ITenantWrite
    {
        public static Command From(ResponseInput input) =>
            new(input.SurveyId, input.Email, input.ContactId, input.Score, input.Comment, input.CreatedAt, input.DepartmentId, input.Touchpoint, input.Properties);

        /// <summary>The properties as stored: a JSON object, <c>{}</c> when none.</summary>
        [JsonIgnore]
        public string PropertiesJson => Properties is { ValueKind: JsonValueKind.Object } properties ? properties.GetRawText() : "{}";

        [JsonIgnore]
        public string? TrimmedComment => string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim();

        [JsonIgnore]
        public string? TrimmedTouchpoint => string.IsNullOrWhiteSpace(Touchpoint) ? null : Touchpoint.Trim();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Clocks drift: an answer "from the future" is accepted up to this far ahead.</summary>
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Validator(IStringLocalizer<ResponsesText> text, TimeProvider clock)
        {
            RuleFor(r => r.SurveyId).NotNull().WithMessage(_ => text["Validation.SurveyRequired"]);
            RuleFor(r => r.Email).NotEmpty().WithMessage(_ => text["Validation.PersonRequired"]).When(r => r.ContactId is null);
            RuleFor(r => r.Email).Empty().WithMessage(_ => text["Validation.EmailOrContact"]).When(r => r.ContactId is not null);
            RuleFor(r => r.Email!).MaximumLength(254).WithMessage(_ => text["Validation.TooLong", 254])
                .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]).When(r => !string.IsNullOrEmpty(r.Email));
            RuleFor(r => r.Score).NotNull().WithMessage(_ => text["Validation.ScoreRequired"])
                .InclusiveBetween(0, 10).WithMessage(_ => text["Validation.Score"]);
            RuleFor(r => r.Comment).MaximumLength(Response.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", Response.MaxCommentLength]);
            RuleFor(r => r.CreatedAt)
                .Must(at => at is null || (at >= Earliest && at <= clock.GetUtcNow() + ClockSkew))
                .WithMessage(_ => text["Validation.CreatedAt"]);
            RuleFor(r => r.Touchpoint).MaximumLength(100).WithMessage(_ => text["Validation.TooLong", 100]);
            RuleFor(r => r.Properties).Must(BuildingBlocks.Messaging.Properties.AreValid)
                .WithMessage(_ => text["Validation.Properties", BuildingBlocks.Messaging.Properties.MaxCount]);
        }
    }

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Command, ResponseView>
    {
        public async Task<ResponseView> Handle(Command input, CancellationToken cancellationToken)
        {
            var survey = await mediator.Send(new FindSurvey(input.SurveyId!.Value), cancellationToken) ?? throw new NotFoundException("The survey");
            if (input.DepartmentId is { } departmentId && await mediator.Send(new FindDepartment(departmentId), cancellationToken) is null)
            {
                throw new NotFoundException("The department");
            }

            // A contact named by id must be one the caller may see; one named by address is the company's
            // person with that address, found or added (an answer to the caller's survey is its to record).
            if (input.ContactId is { } named && !(await mediator.Send(new FindContacts([named]), cancellationToken)).ContainsKey(named))
            {
                throw new NotFoundException("The contact");
            }

            var contactId = input.ContactId ?? (await mediator.Send(new ResolveContacts([input.Email!]), cancellationToken))[0];
            var contacts = await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken);
            if (!contacts.ContainsKey(contactId)) throw new NotFoundException("The contact");

            var now = clock.GetUtcNow();
            var respondedAt = input.CreatedAt?.ToUniversalTime() ?? now;
            var response = new Response
            {
                TenantId = tenant.RequiredTenantId,
                // Version 7 ids from the answer's own time keep lists (ordered by id) in answer order, imports included.
                Id = Guid.CreateVersion7(respondedAt),
                SurveyId = survey.Id,
                ContactId = contactId,
                DepartmentId = input.DepartmentId ?? survey.DepartmentId,
                Touchpoint = input.TrimmedTouchpoint ?? survey.Touchpoint,
                Channel = ResponseChannels.Api,
                Score = input.Score!.Value,
                Comment = input.TrimmedComment,
                Locale = survey.Locale,
                Properties = input.PropertiesJson,
                RespondedAt = respondedAt,
                RecordedAt = now,
                UpdatedAt = now,
            };
            db.Responses.Add(response);
            db.Publish(response.Recorded(now));
            await db.SaveChangesAsync(cancellationToken);
            return ResponseView.From(response, contacts);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (ResponseInput input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(Command.From(input), cancellationToken);
                return Results.Created($"/api/v1/responses/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Record an answer collected elsewhere (email or contactId names the person); honours Idempotency-Key")
            .Produces<ResponseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
