using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>
/// <c>GET /w/{widgetId}.js</c>, public: the widget's script (wwwroot/js/widget.js, plain JavaScript) with the
/// widget's public settings written into it, so one request brings everything. It carries nothing a visitor
/// may not see: the question, the follow-up wording, the brand colour, the allowed origins and the targeting.
/// </summary>
internal static class ServeWidgetScript
{
    /// <summary>Where widget.js takes its settings; the served copy has the settings in its place.</summary>
    public const string ConfigMarker = "/*npscloud:config*/null";

    public sealed record Query(string WidgetId) : IRequest<string?>;

    public sealed class Handler(IMediator mediator, WidgetScriptFile script, PublicLinks links) : IRequestHandler<Query, string?>
    {
        public async Task<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (await mediator.Send(new FindWidget(query.WidgetId), cancellationToken) is not { } widget) return null;
            object config = widget.Live
                ? new
                {
                    id = widget.WidgetId,
                    live = true,
                    answers = links.To($"w/{widget.WidgetId}/answers").ToString(),
                    origins = widget.AllowedOrigins,
                    locale = widget.Locale,
                    texts = widget.Texts,
                    color = widget.BrandColor,
                    display = widget.Behaviour.Display,
                    selector = widget.Behaviour.InlineSelector,
                    paths = widget.Behaviour.PathPatterns,
                    delay = widget.Behaviour.DelaySeconds,
                    sampling = widget.Behaviour.SamplingPercent,
                    snoozeAnswered = widget.Behaviour.SnoozeDaysAfterAnswer,
                    snoozeDismissed = widget.Behaviour.SnoozeDaysAfterDismiss,
                }
                : new { id = widget.WidgetId, live = false };
            // The default encoder escapes <, >, & and the line separators, so the JSON is a safe JavaScript literal.
            return script.Text.Replace(ConfigMarker, JsonSerializer.Serialize(config, JsonSerializerOptions.Web), StringComparison.Ordinal);
        }
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/w/{widgetId}.js", async (string widgetId, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var text = await mediator.Send(new Query(widgetId), cancellationToken);
                if (text is null) return Results.NotFound();
                // Settings reach pages within five minutes of a change; the visitor's browser keeps no more.
                context.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Text(text, "text/javascript; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
}

/// <summary>wwwroot/js/widget.js, read once.</summary>
internal sealed class WidgetScriptFile(IWebHostEnvironment environment)
{
    private readonly Lazy<string> _text = new(() =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo("js/widget.js");
        if (!file.Exists) throw new InvalidOperationException("wwwroot/js/widget.js is missing from the host.");
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        var text = reader.ReadToEnd();
        return text.Contains(ServeWidgetScript.ConfigMarker, StringComparison.Ordinal)
            ? text
            : throw new InvalidOperationException($"wwwroot/js/widget.js has no {ServeWidgetScript.ConfigMarker}.");
    });

    public string Text => _text.Value;
}
