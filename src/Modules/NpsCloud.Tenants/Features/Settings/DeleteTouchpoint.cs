using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>Removes a touchpoint (ADR 0038).</summary>
internal static class DeleteTouchpoint
{
    /// <summary>Removes a touchpoint's labels; data that stores its key keeps it and shows the key.</summary>
    public sealed record Delete(string Key) : IRequest, ITenantWrite;

    internal sealed class DeleteHandler(TenantsDbContext db, TouchpointMemo memo) : IRequestHandler<Delete>
    {
        public async Task<Unit> Handle(Delete command, CancellationToken cancellationToken)
        {
            // Two deletes of one touchpoint both succeed: the second finds nothing to remove.
            await db.Touchpoints.Where(t => t.Key == command.Key).ExecuteDeleteAsync(cancellationToken);
            memo.Forget();
            return Unit.Value;
        }
    }
}
