using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using QRCoder;

namespace NpsCloud.Surveys.Features.OpenLinks;

/// <summary>
/// <c>GET /surveys/{id}/link/qr?format=svg|png</c>: the open link as a QR code for print (a counter, a
/// delivery note, a receipt), drawn by QRCoder. Values for the link's hidden fields may be given
/// (<c>&amp;store=kadikoy</c>) and are put into the address, so each shop can have its own code.
/// </summary>
internal static class DrawOpenLinkQr
{
    public const int MaxValueLength = 200;

    /// <param name="Values">Hidden field values to put into the address, by field name.</param>
    public sealed record Query(Guid SurveyId, string Format, IReadOnlyDictionary<string, string> Values) : IRequest<QrImage>;

    public sealed record QrImage(byte[] Content, string ContentType, string FileName);

    public sealed class Handler(SurveysDbContext db, PublicLinks links) : IRequestHandler<Query, QrImage>
    {
        public async Task<QrImage> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Format is not ("svg" or "png")) throw new RequestValidationException("format", "Use svg or png.");
            var (link, _) = await OpenLinkRules.FindAsync(db, query.SurveyId, cancellationToken);
            foreach (var (name, value) in query.Values)
            {
                if (!link.HiddenFields.Contains(name)) throw new RequestValidationException(name, "This is not one of the link's hidden fields.");
                if (value.Length > MaxValueLength || value.Any(char.IsControl)) throw new RequestValidationException(name, $"Use at most {MaxValueLength} printable characters.");
            }

            var url = QueryHelpers.AddQueryString(links.To($"s/{link.Slug}").ToString(), query.Values.Where(v => v.Value.Length > 0).Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
            // Level M survives a crease or a smudge on paper (15% of the code) and keeps the code small.
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            return query.Format == "svg"
                ? new QrImage(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(10)), "image/svg+xml", $"survey-{link.Slug}.svg")
                : new QrImage(new PngByteQRCode(data).GetGraphic(16), "image/png", $"survey-{link.Slug}.png");
        }
    }

    /// <summary>The query as sent: <c>format</c> and hidden field values (one value each).</summary>
    public static Query From(Guid surveyId, IQueryCollection query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (name == "format") continue;
            if (value.Count != 1) throw new RequestValidationException(name, "Give this value once.");
            values[name] = value[0] ?? "";
        }

        return new Query(surveyId, query["format"] is { Count: 1 } format ? format[0] ?? "" : "svg", values);
    }

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapGet("/{id:guid}/link/qr", async (Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var image = await mediator.Send(From(id, context.Request.Query), cancellationToken);
                return Results.File(image.Content, image.ContentType, image.FileName);
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The open link as a QR code (format=svg or png); hidden field values in the query go into the address")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml", "image/png")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
