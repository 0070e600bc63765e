using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using FluentValidation;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.WidgetAnswers;

/// <summary>
/// <c>POST /w/{widgetId}/answers/comment</c>, public: the widget's follow-up, the visitor's comment added to
/// the answer its signed handle names (reported as <see cref="Contracts.Responses.ResponseUpdated"/>). A
/// handle that is forged, expired or another widget's is refused and changes nothing.
/// </summary>
internal static class AddWidgetComment
{
    public sealed record Body(string? Handle, string? Comment);

    public sealed record Command(WidgetTarget Widget, string? Handle, [MultiLine] string? Comment) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<ResponsesText> text)
        {
            RuleFor(r => r.Handle).NotEmpty().WithMessage(_ => text["Validation.WidgetHandle"]).MaximumLength(1000).WithMessage(_ => text["Validation.WidgetHandle"]);
            RuleFor(r => r.Comment).MaximumLength(Response.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", Response.MaxCommentLength]);
        }
    }

    public sealed class Handler(ResponsesDbContext db, TenantContext tenant, WidgetAnswerHandles handles, IStringLocalizer<ResponsesText> text, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command input, CancellationToken cancellationToken)
        {
            if (handles.Read(input.Handle, input.Widget.WidgetId) is not { } named || named.TenantId != input.Widget.TenantId)
            {
                throw new RequestValidationException("handle", text["Validation.WidgetHandle"]);
            }

            tenant.Set(named.TenantId);
            var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
            // Locked while it changes, as every change of an answer is (the rollups move counts by the previous score).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await db.Responses
                .FromSql($"select * from responses.responses where id = {named.ResponseId} for update")
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new RequestValidationException("handle", text["Validation.WidgetHandle"]);
            if (response.Comment == comment) return Unit.Value;
            var previousComment = response.Comment;
            response.Comment = comment;
            response.Revision++;
            response.UpdatedAt = clock.GetUtcNow();
            db.Publish(response.Updated(response.Score, previousComment, response.UpdatedAt));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/w/{widgetId}/answers/comment", (string widgetId, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                WidgetAnswerRules.AnswerAsync(async () =>
                {
                    var widget = await WidgetAnswerRules.AdmitAsync(context, mediator, widgetId, cancellationToken);
                    var body = await WidgetAnswerRules.ReadAsync<Body>(context.Request, cancellationToken);
                    await mediator.Send(new Command(widget, body.Handle, body.Comment), cancellationToken);
                    return Results.NoContent();
                }))
            .AllowAnonymous()
            .RequireRateLimiting(WidgetAnswerRules.RateLimitPolicy)
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
        WidgetAnswerRules.MapPreflight(app, "/w/{widgetId}/answers/comment");
    }
}
