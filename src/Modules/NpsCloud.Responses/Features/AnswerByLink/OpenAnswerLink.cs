using MediatR;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Responses.Features.AnswerByLink;

/// <summary>The respondent opens <c>/r/{token}</c>: it only reads (mail scanners prefetch links).</summary>
internal static class OpenAnswerLink
{
    /// <summary>What the link shows; null for a token no invitation has.</summary>
    public sealed record Query(string Token) : IRequest<AnswerLinkView?>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, TenantContext tenant, TimeProvider clock) : IRequestHandler<Query, AnswerLinkView?>
    {
        public Task<AnswerLinkView?> Handle(Query open, CancellationToken cancellationToken) =>
            AnswerByLinkRules.OpenAsync(db, mediator, tenant, clock, open.Token, cancellationToken);
    }
}
