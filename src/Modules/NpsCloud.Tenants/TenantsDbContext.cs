using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants;

/// <summary>The Tenants module's tables, all in the <c>tenants</c> schema.</summary>
internal sealed class TenantsDbContext(DbContextOptions<TenantsDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserDepartment> UserDepartments => Set<UserDepartment>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Touchpoint> Touchpoints => Set<Touchpoint>();

    protected override string Schema => "tenants";

    /// <summary>A limited caller sees its own departments only (and no other rows of this module but through managers-only endpoints).</summary>
    protected override void ConfigureDepartmentVisibility(ModelBuilder modelBuilder) =>
        LimitToVisibleDepartments<Department>(modelBuilder, d => VisibleDepartmentIds.Contains(d.Id));

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.HasKey(t => t.TenantId);
            tenant.Property(t => t.ThrottleDays).HasDefaultValue(30);
            tenant.Property(t => t.FollowUpSlaHours).HasDefaultValue(48);
            tenant.Property(t => t.FollowUpPassives).HasDefaultValue(false);
            tenant.Property(t => t.PromiseDetractorReply).HasDefaultValue(false);
            tenant.Property(t => t.FollowUpPromoters).HasDefaultValue(false);
            tenant.Property(t => t.ResurveyAfterResolutionDays).HasDefaultValue(0);
            tenant.Property(t => t.RequireTwoFactor).HasDefaultValue(false);
            tenant.Ignore(t => t.SenderDomain);
        });
        modelBuilder.Entity<User>(user =>
        {
            user.HasKey(u => new { u.TenantId, u.Id });
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
            user.Property(u => u.AccessFailedCount).HasDefaultValue(0);
            user.Property(u => u.TwoFactorEnabled).HasDefaultValue(false);
            user.HasMany(u => u.Departments).WithOne().HasForeignKey(d => new { d.TenantId, d.UserId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserDepartment>(link =>
        {
            link.HasKey(d => new { d.TenantId, d.UserId, d.DepartmentId });
            link.HasOne<Department>().WithMany().HasForeignKey(d => new { d.TenantId, d.DepartmentId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Department>(department =>
        {
            department.HasKey(d => new { d.TenantId, d.Id });
            department.HasOne<User>().WithMany().HasForeignKey(d => new { d.TenantId, d.HeadUserId });
        });
        modelBuilder.Entity<ApiKey>().HasKey(k => new { k.TenantId, k.Id });
        modelBuilder.Entity<Invitation>().HasKey(i => new { i.TenantId, i.Id });
        modelBuilder.Entity<Touchpoint>().HasKey(t => new { t.TenantId, t.Key });
        modelBuilder.Entity<Session>(session =>
        {
            session.HasKey(s => new { s.TenantId, s.Id });
            session.HasIndex(s => new { s.TenantId, s.UserId }).HasDatabaseName("sessions_user");
            session.HasOne<User>().WithMany().HasForeignKey(s => new { s.TenantId, s.UserId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
