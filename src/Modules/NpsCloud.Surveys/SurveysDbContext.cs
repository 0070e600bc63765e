using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Surveys;

/// <summary>The Surveys module's tables, all in the <c>surveys</c> schema.</summary>
internal sealed class SurveysDbContext(DbContextOptions<SurveysDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    protected override string Schema => "surveys";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
