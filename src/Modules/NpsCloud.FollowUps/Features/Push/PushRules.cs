using Microsoft.AspNetCore.Antiforgery;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.WebUtilities;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.FollowUps.Features.Push;

/// <summary>What a subscription a browser sends must look like (the fields of PushSubscription.toJSON()).</summary>
internal static class PushRules
{
    public const int MaxEndpointLength = 2048;

    /// <summary>An https address on another host (a push service); plain http only to this machine, and only where configured (tests).</summary>
    public static bool IsPushServiceAddress(string? endpoint, bool allowLoopbackHttp) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    /// <summary>A base64url value that decodes to exactly <paramref name="length"/> bytes (and, for a key, starts with 0x04: an uncompressed P-256 point).</summary>
    public static bool IsBase64Url(string? value, int length, byte? firstByte = null)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '='))) return false;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(value.TrimEnd('='));
            return bytes.Length == length && (firstByte is null || bytes[0] == firstByte);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The page's antiforgery token in the <c>RequestVerificationToken</c> header: another site cannot subscribe its own endpoint to a person's cases.</summary>
    public static async Task RequireAntiforgeryAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            throw new RequestValidationException("RequestVerificationToken", "Send the page's antiforgery token in the RequestVerificationToken header.");
        }
    }

    /// <summary>
    /// Runs a push endpoint of the inbox page. They live under <c>/app</c>, not <c>/api</c> (the API takes API keys
    /// only and ignores a session cookie), so bad input is answered here as the API would: a 400 problem+json
    /// naming the field, never the error page.
    /// </summary>
    public static async Task<IResult> AnswerAsync<TBody>(HttpContext context, IAntiforgery antiforgery, Func<TBody?, Task> handle)
    {
        try
        {
            await RequireAntiforgeryAsync(context, antiforgery);
            TBody? body;
            try
            {
                var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                body = context.Request.HasJsonContentType() ? await context.Request.ReadFromJsonAsync<TBody>(json, context.RequestAborted) : default;
            }
            catch (JsonException)
            {
                throw new RequestValidationException("body", "The body is not valid JSON.");
            }

            if (body is null) throw new RequestValidationException("body", "Send a JSON body.");
            await handle(body);
            return Results.NoContent();
        }
        catch (RequestValidationException invalid)
        {
            return Results.ValidationProblem(invalid.Errors.ToDictionary(e => e.Key, e => e.Value));
        }
    }
}
