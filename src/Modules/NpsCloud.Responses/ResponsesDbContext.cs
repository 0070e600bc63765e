using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses;

/// <summary>The Responses module's tables, all in the <c>responses</c> schema (migration 0006).</summary>
internal sealed class ResponsesDbContext(DbContextOptions<ResponsesDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<ResponseNote> Notes => Set<ResponseNote>();
    public DbSet<OpenLinkDevice> OpenLinkDevices => Set<OpenLinkDevice>();

    /// <summary>
    /// The responses the caller may read and work on: all of the tenant's, or a department head's
    /// departments' only (another department's answer is then not found, like another tenant's).
    /// </summary>
    public IQueryable<Response> Visible => VisibleDepartments?.ToArray() is { } departments
        ? Responses.Where(r => r.DepartmentId != null && departments.Contains(r.DepartmentId.Value))
        : Responses;

    protected override string Schema => "responses";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Response>(response =>
        {
            response.HasKey(r => new { r.TenantId, r.Id });
            response.Property(r => r.Category).HasComputedColumnSql(
                "case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end", stored: true);
            response.Property(r => r.Search).HasComputedColumnSql(
                "to_tsvector('english'::regconfig, coalesce(comment, '')) || to_tsvector('turkish'::regconfig, coalesce(comment, ''))", stored: true);
            response.Property(r => r.Properties).HasColumnType("jsonb").HasDefaultValueSql("'{}'");
            response.Property(r => r.Tags).HasDefaultValueSql("'{}'");
            response.Property(r => r.Revision).HasDefaultValue(1);
            response.HasIndex(r => new { r.TenantId, r.InvitationId }).IsUnique().HasFilter("invitation_id is not null");
        });
        modelBuilder.Entity<ResponseNote>(note =>
        {
            note.ToTable("notes");
            note.HasKey(n => new { n.TenantId, n.Id });
            note.HasOne<Response>().WithMany().HasForeignKey(n => new { n.TenantId, n.ResponseId }).OnDelete(DeleteBehavior.Cascade);
        });
        // The open links' duplicate guard (migration 0026); only the public link page reads it.
        modelBuilder.Entity<OpenLinkDevice>(device => device.HasKey(d => new { d.TenantId, d.SurveyId, d.DeviceHash }));
    }
}
