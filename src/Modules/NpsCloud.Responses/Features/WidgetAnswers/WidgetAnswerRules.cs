using System.Text.Json;
using System.Threading.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.WidgetAnswers;

/// <summary>
/// What the widget's public answer endpoints share: CORS per widget (only its allowed origins, echoed
/// exactly, with <c>Vary: Origin</c>), reading a strict JSON body, the signed handle of an answer, the rate
/// limit per widget and client address, and problem+json answers outside <c>/api</c> (ADR 0031).
/// </summary>
internal static class WidgetAnswerRules
{
    public const string RateLimitPolicy = "widget-answers";
    public const int DefaultPerMinute = 20;
    private const int MaxBodyBytes = 128 * 1024;

    /// <summary>Strict JSON: a duplicated key is an error, as is a number sent as a string.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { AllowDuplicateProperties = false, MaxDepth = 8, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    /// <summary>
    /// The live widget, when the request comes from one of its origins; CORS headers are set for that origin.
    /// Refused otherwise, before anything is read or written.
    /// </summary>
    public static async Task<WidgetTarget> AdmitAsync(HttpContext context, IMediator mediator, string widgetId, CancellationToken cancellationToken)
    {
        context.Response.Headers.Vary = "Origin";
        var widget = await mediator.Send(new FindWidget(widgetId), cancellationToken) ?? throw new NotFoundException("The widget");
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !widget.AllowedOrigins.Contains(origin, StringComparer.Ordinal))
        {
            throw new WidgetRefusedException("origin_not_allowed", "This widget does not take answers from this site.");
        }

        context.Response.Headers.AccessControlAllowOrigin = origin;
        if (!widget.Live) throw new WidgetRefusedException("widget_off", "This widget is switched off.");
        return new WidgetTarget(widget.TenantId, widget.WidgetId, widget.SurveyId, widget.DepartmentId, widget.Touchpoint, widget.Locale);
    }

    /// <summary>Maps the CORS preflight of a widget endpoint (see <see cref="PreflightAsync"/>).</summary>
    public static void MapPreflight(IEndpointRouteBuilder app, string pattern) =>
        app.MapMethods(pattern, [HttpMethods.Options], (string widgetId, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                PreflightAsync(context, mediator, widgetId, cancellationToken))
            .AllowAnonymous()
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();

    /// <summary>The CORS preflight: allowed for the widget's origins only (a browser then sends the answer).</summary>
    public static async Task<IResult> PreflightAsync(HttpContext context, IMediator mediator, string widgetId, CancellationToken cancellationToken) =>
        await AnswerAsync(async () =>
        {
            var widget = await mediator.Send(new FindWidget(widgetId), cancellationToken) ?? throw new NotFoundException("The widget");
            context.Response.Headers.Vary = "Origin";
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || !widget.AllowedOrigins.Contains(origin, StringComparer.Ordinal))
            {
                throw new WidgetRefusedException("origin_not_allowed", "This widget does not take answers from this site.");
            }

            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowMethods = "POST";
            headers.AccessControlAllowHeaders = "Content-Type";
            headers.AccessControlMaxAge = "600";
            return Results.NoContent();
        });

    /// <summary>The JSON body as <typeparamref name="T"/>; a bad body is a 400 naming the field (or <c>body</c>).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("Send the answer as application/json.");
        }

        if (request.ContentLength > MaxBodyBytes) throw new RequestValidationException("body", $"The body is larger than {MaxBodyBytes / 1024} KB.");
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken)
                ?? throw new RequestValidationException("body", "Send a JSON object.");
        }
        catch (JsonException bad)
        {
            var field = string.IsNullOrEmpty(bad.Path) || bad.Path == "$" ? "body" : bad.Path.TrimStart('$', '.');
            throw new RequestValidationException(field, field == "body" ? "The body is not valid JSON." : "This value has the wrong type or format.");
        }
    }

    /// <summary>Runs an endpoint's work and answers refusals as problem+json (the API's exception handler covers only <c>/api</c>).</summary>
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (RequestValidationException invalid)
        {
            return TypedResults.ValidationProblem(invalid.Errors.ToDictionary(e => e.Key, e => e.Value), "See errors for each field.", title: "The request is not valid.");
        }
        catch (DomainException refused)
        {
            return TypedResults.Problem(refused.Message, statusCode: refused.StatusCode, title: refused.Title, type: ProblemTypes.Of(refused.Code),
                extensions: new Dictionary<string, object?> { ["code"] = refused.Code });
        }
    }

    /// <summary>Answers per widget and client address and minute (configurable as <c>RateLimits:widgetAnswersPerMinute</c>); the preflight is not counted.</summary>
    public static void AddRateLimit(RateLimiterOptions limiter, int perMinute) =>
        limiter.AddPolicy(RateLimitPolicy, context => HttpMethods.IsOptions(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("preflight")
            : RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Request.RouteValues["widgetId"]}|{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}

/// <summary>The widget an answer goes to, and where the answer is filed.</summary>
internal sealed record WidgetTarget(Guid TenantId, string WidgetId, Guid SurveyId, Guid? DepartmentId, string? Touchpoint, string Locale);

/// <summary>A widget's answer refused: from a site the widget does not allow, or while it is switched off.</summary>
internal sealed class WidgetRefusedException(string code, string detail) : DomainException(403, code, "Forbidden", detail);

/// <summary>
/// The handle the widget gets for its answer, to add the comment to the same response: signed and encrypted
/// (Data Protection), naming the tenant, widget and response, valid for a day. Never a guessable id.
/// </summary>
internal sealed class WidgetAnswerHandles(IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("NpsCloud.Widget.Answer.v1").ToTimeLimitedDataProtector();

    public string For(Guid tenantId, string widgetId, Guid responseId) =>
        Protector.Protect($"{tenantId:N}|{widgetId}|{responseId:N}", clock.GetUtcNow() + Lifetime);

    /// <summary>The tenant and response a handle names, when it is genuine, current and this widget's.</summary>
    public (Guid TenantId, Guid ResponseId)? Read(string? handle, string widgetId)
    {
        if (string.IsNullOrEmpty(handle) || handle.Length > 1000) return null;
        try
        {
            var parts = Protector.Unprotect(handle, out var expiresAt).Split('|');
            if (expiresAt <= clock.GetUtcNow() || parts.Length != 3 || parts[1] != widgetId) return null;
            return (Guid.ParseExact(parts[0], "N"), Guid.ParseExact(parts[2], "N"));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }
}
