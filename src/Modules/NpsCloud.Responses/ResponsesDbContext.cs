using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Responses;

/// <summary>The Responses module's tables, all in the <c>responses</c> schema.</summary>
internal sealed class ResponsesDbContext(DbContextOptions<ResponsesDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "responses";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
