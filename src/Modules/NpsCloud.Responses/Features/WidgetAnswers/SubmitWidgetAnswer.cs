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
using NpsCloud.Responses.Domain;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Features.WidgetAnswers;

/// <summary>
/// <c>POST /w/{widgetId}/answers</c>, public: a visitor's score through the web widget, from one of the
/// widget's allowed origins. It is recorded at once (channel <c>widget</c>, no invitation) and reported as
/// <see cref="ResponseRecorded"/>, so it counts in every figure and opens follow-ups like any other answer;
/// the answer's handle lets the widget add the comment to it. A visitor the page identified
/// (<c>npsCloud('identify', …)</c>) is the contact with that address, found or added; their properties are
/// stored on the response. Accepted after a trial ends too: what a customer says is never lost.
/// </summary>
internal static class SubmitWidgetAnswer
{
    /// <summary>What the widget sends.</summary>
    public sealed record Body(int? Score, string? Comment = null, string? Locale = null, string? Email = null, string? Name = null, JsonElement? Properties = null);

    public sealed record Command(
        WidgetTarget Widget,
        int? Score,
        [MultiLine] string? Comment,
        string? Locale,
        string? Email,
        string? Name,
        JsonElement? Properties) : IRequest<Answer>, IPublicAnswer
    {
        [JsonIgnore]
        public string PropertiesJson => Properties is { ValueKind: JsonValueKind.Object } properties ? properties.GetRawText() : "{}";
    }

    /// <param name="Handle">Signed: adds the comment to this answer (<c>POST /w/{widgetId}/answers/comment</c>).</param>
    public sealed record Answer(string Handle, string Category);

    public sealed class Validator : PublicAnswerValidator<Command>
    {
        public Validator(IStringLocalizer<ResponsesText> text) : base(text)
        {
            RuleFor(r => r.Locale).MaximumLength(20).WithMessage(_ => text["Validation.TooLong", 20]);
            RuleFor(r => r.Properties).Must(BuildingBlocks.Messaging.Properties.AreValid)
                .WithMessage(_ => text["Validation.Properties", BuildingBlocks.Messaging.Properties.MaxCount]);
        }
    }

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, TenantContext tenant, WidgetAnswerHandles handles, TimeProvider clock)
        : IRequestHandler<Command, Answer>
    {
        public async Task<Answer> Handle(Command input, CancellationToken cancellationToken)
        {
            var widget = input.Widget;
            tenant.Set(widget.TenantId);
            Guid? contactId = string.IsNullOrWhiteSpace(input.Email) ? null : (await mediator.Send(new ResolveContacts([input.Email.Trim()], [input.Name]), cancellationToken))[0];
            var now = clock.GetUtcNow();
            var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
            var response = new Response
            {
                TenantId = widget.TenantId,
                Id = Guid.CreateVersion7(now),
                SurveyId = widget.SurveyId,
                ContactId = contactId,
                DepartmentId = widget.DepartmentId,
                Touchpoint = widget.Touchpoint,
                Channel = ResponseChannels.Widget,
                Score = input.Score!.Value,
                Comment = comment,
                Locale = input.Locale is "en" or "tr" ? input.Locale : widget.Locale,
                Properties = input.PropertiesJson,
                RespondedAt = now,
                RecordedAt = now,
                UpdatedAt = now,
            };
            db.Responses.Add(response);
            db.Publish(response.Recorded(now));
            await db.SaveChangesAsync(cancellationToken);
            return new Answer(handles.For(widget.TenantId, widget.WidgetId, response.Id), NpsCategories.Of(response.Score));
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/w/{widgetId}/answers", (string widgetId, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                WidgetAnswerRules.AnswerAsync(async () =>
                {
                    var widget = await WidgetAnswerRules.AdmitAsync(context, mediator, widgetId, cancellationToken);
                    var body = await WidgetAnswerRules.ReadAsync<Body>(context.Request, cancellationToken);
                    var answer = await mediator.Send(
                        new Command(widget, body.Score, body.Comment, body.Locale, body.Email, body.Name, body.Properties), cancellationToken);
                    return TypedResults.Json(answer, statusCode: StatusCodes.Status201Created);
                }))
            .AllowAnonymous()
            .RequireRateLimiting(WidgetAnswerRules.RateLimitPolicy)
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
        WidgetAnswerRules.MapPreflight(app, "/w/{widgetId}/answers");
    }
}
