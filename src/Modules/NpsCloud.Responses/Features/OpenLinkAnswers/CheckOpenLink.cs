using MediatR;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.OpenLinkAnswers;

/// <summary>
/// Someone opens <c>/s/{slug}</c>: the link and whether it takes an answer from this device. It only reads
/// (a GET records nothing: link previews and scanners fetch pages too).
/// </summary>
internal static class CheckOpenLink
{
    public sealed record Query(string Slug, string? KioskKey, Device Device) : IRequest<View?>;

    public sealed record View(OpenLinkInfo Link, OpenLinkState State);

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, TenantContext tenant, TimeProvider clock) : IRequestHandler<Query, View?>
    {
        public async Task<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (await mediator.Send(new FindOpenLink(query.Slug, query.KioskKey), cancellationToken) is not { } link) return null;
            tenant.Set(link.TenantId);
            return new View(link, await OpenLinkAnswerRules.StateAsync(db, link, query.Device, clock.GetUtcNow(), cancellationToken));
        }
    }
}
