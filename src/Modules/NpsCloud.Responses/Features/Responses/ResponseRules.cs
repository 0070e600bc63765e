using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

internal static class ResponseRules
{
    /// <summary>
    /// The current tenant's response: another tenant's id is not found (the query filter and row-level
    /// security both see to it), nor, for a department head, another department's.
    /// </summary>
    public static async Task<Response> FindAsync(ResponsesDbContext db, Guid id, CancellationToken cancellationToken, bool track = false) =>
        await (track ? db.Visible : db.Visible.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new NotFoundException("The response");
}
