using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Contacts;

internal static class ListContacts
{
    /// <param name="Query">Text in the email address or name.</param>
    /// <param name="Status"><c>active</c>, <c>unsubscribed</c> or <c>bounced</c>.</param>
    public sealed record Query(string? Text, string? Status, int? Limit, string? Cursor) : IRequest<Page<ContactView>>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Page<ContactView>>
    {
        public async Task<Page<ContactView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var contacts = db.Contacts.AsNoTracking().Where(c => c.ErasedAt == null);
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var pattern = "%" + query.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                contacts = contacts.Where(c => EF.Functions.ILike(c.Email!, pattern) || EF.Functions.ILike(c.Name ?? "", pattern));
            }

            contacts = query.Status switch
            {
                null or "" => contacts,
                "active" => contacts.Where(c => c.UnsubscribedAt == null && c.BouncedAt == null),
                "unsubscribed" => contacts.Where(c => c.UnsubscribedAt != null),
                "bounced" => contacts.Where(c => c.BouncedAt != null),
                _ => throw new RequestValidationException("status", "Use active, unsubscribed or bounced."),
            };
            if (after is { } cursor) contacts = contacts.Where(c => c.Id > cursor);
            var rows = await contacts.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, c => c.Id);
            return new Page<ContactView>(page.Items.Select(ContactView.From).ToList(), page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (string? q, string? status, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListContacts.Query(q, status, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Contacts, filtered by q (email or name) and status (active, unsubscribed, bounced); cursor pagination");
    }
}
