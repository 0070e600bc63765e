using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>PATCH with JSON Merge Patch semantics (RFC 7396): present fields replace, <c>null</c> resets to the default, absent fields stay.</summary>
internal static class UpdateWidget
{
    public sealed record Command(string Id, JsonObject Patch) : IRequest<WidgetView>, ITenantWrite;

    public sealed class Handler(SurveysDbContext db, IValidator<WidgetInput> validator, PublicLinks links, TimeProvider clock) : IRequestHandler<Command, WidgetView>
    {
        public async Task<WidgetView> Handle(Command command, CancellationToken cancellationToken)
        {
            var widget = await WidgetRules.FindAsync(db, command.Id, cancellationToken, track: true);
            WidgetInput input;
            try
            {
                input = JsonMergePatch.Merge(JsonMergePatch.From(WidgetInput.From(widget)), command.Patch).As<WidgetInput>();
            }
            catch (JsonException bad)
            {
                throw new RequestValidationException(string.IsNullOrEmpty(bad.Path) || bad.Path == "$" ? "body" : bad.Path.TrimStart('$', '.'), "This value has the wrong type or format.");
            }

            await WidgetRules.ValidateAsync(validator, input, cancellationToken);
            input.ApplyTo(widget);
            widget.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return WidgetView.From(widget, links);
        }
    }

    public static void Map(RouteGroupBuilder widgets) =>
        widgets.MapPatch("/{widgetId}", async (string widgetId, JsonElement body, IMediator mediator, CancellationToken cancellationToken) =>
                body.ValueKind == JsonValueKind.Object
                    ? await mediator.Send(new Command(widgetId, JsonObject.Create(body)!), cancellationToken)
                    : throw new RequestValidationException("body", "Send a JSON object."))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change a web widget (JSON Merge Patch: absent fields stay, null resets to the default)")
            .Accepts<WidgetInput>("application/merge-patch+json", "application/json")
            .Produces<WidgetView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
