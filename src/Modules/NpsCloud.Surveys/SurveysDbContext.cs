using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys;

/// <summary>The Surveys module's tables, all in the <c>surveys</c> schema.</summary>
internal sealed class SurveysDbContext(DbContextOptions<SurveysDbContext> options, ITenantContext tenant, OutboxSignal outboxSignal)
    : ModuleDbContext(options, tenant, outboxSignal)
{
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<SurveyMember> Members => Set<SurveyMember>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<TestSend> TestSends => Set<TestSend>();
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<OpenLink> OpenLinks => Set<OpenLink>();

    protected override string Schema => "surveys";

    /// <summary>
    /// A survey belongs to its department (<see cref="Survey"/> is department-owned); its members, waves
    /// and invitations belong to it. A contact is the company's, and a limited caller sees the contacts
    /// its departments' surveys reach: members and invited people.
    /// </summary>
    protected override void ConfigureDepartmentVisibility(ModelBuilder modelBuilder)
    {
        LimitToVisibleDepartments<SurveyMember>(modelBuilder, m =>
            Surveys.Any(s => s.Id == m.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<Wave>(modelBuilder, w =>
            Surveys.Any(s => s.Id == w.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<Invitation>(modelBuilder, i =>
            Surveys.Any(s => s.Id == i.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<TestSend>(modelBuilder, t =>
            Surveys.Any(s => s.Id == t.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<Widget>(modelBuilder, w =>
            Surveys.Any(s => s.Id == w.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<OpenLink>(modelBuilder, l =>
            Surveys.Any(s => s.Id == l.SurveyId && s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)));
        LimitToVisibleDepartments<Contact>(modelBuilder, c =>
            Surveys.Any(s => s.DepartmentId != null && VisibleDepartmentIds.Contains(s.DepartmentId.Value)
                && (Members.Any(m => m.SurveyId == s.Id && m.ContactId == c.Id) || Invitations.Any(i => i.SurveyId == s.Id && i.ContactId == c.Id))));
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Survey>(survey =>
        {
            survey.HasKey(s => new { s.TenantId, s.Id });
            survey.Property(s => s.BrandColor).HasDefaultValue(Survey.DefaultBrandColor);
            survey.Property(s => s.ReminderAfterDays).HasDefaultValue(0);
            survey.Property(s => s.LinkValidDays).HasDefaultValue(30);
            survey.Property(s => s.FirstWaveAt).HasColumnType("timestamp");
            survey.Property(s => s.Audience).HasDefaultValue(Audiences.Members);
            survey.HasOne<Segment>().WithMany().HasForeignKey(s => new { s.TenantId, s.SegmentId }).OnDelete(DeleteBehavior.NoAction);
        });
        modelBuilder.Entity<Segment>(segment =>
        {
            segment.HasKey(g => new { g.TenantId, g.Id });
            segment.Property(g => g.Filters).HasColumnType("jsonb").HasDefaultValueSql("'[]'");
        });
        modelBuilder.Entity<Contact>(contact =>
        {
            contact.HasKey(c => new { c.TenantId, c.Id });
            contact.Property(c => c.Properties).HasColumnType("jsonb").HasDefaultValueSql("'{}'");
            contact.HasIndex(c => new { c.TenantId, c.NormalizedEmail }).IsUnique().HasFilter("erased_at is null");
        });
        modelBuilder.Entity<SurveyMember>(member =>
        {
            member.ToTable("survey_members");
            member.HasKey(m => new { m.TenantId, m.SurveyId, m.ContactId });
            member.HasOne<Survey>().WithMany().HasForeignKey(m => new { m.TenantId, m.SurveyId }).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Contact>().WithMany().HasForeignKey(m => new { m.TenantId, m.ContactId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Wave>(wave =>
        {
            wave.HasKey(w => new { w.TenantId, w.Id });
            wave.HasIndex(w => new { w.TenantId, w.SurveyId, w.Slot }).IsUnique();
            wave.Property(w => w.Invited).HasDefaultValue(0);
            wave.Property(w => w.Throttled).HasDefaultValue(0);
            wave.HasOne<Survey>().WithMany().HasForeignKey(w => new { w.TenantId, w.SurveyId }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.HasKey(i => new { i.TenantId, i.Id });
            invitation.Property(i => i.Properties).HasColumnType("jsonb").HasDefaultValueSql("'{}'");
            invitation.Property(i => i.Attempts).HasDefaultValue(0);
            invitation.HasOne<Survey>().WithMany().HasForeignKey(i => new { i.TenantId, i.SurveyId }).OnDelete(DeleteBehavior.Cascade);
            invitation.HasOne<Contact>().WithMany().HasForeignKey(i => new { i.TenantId, i.ContactId }).OnDelete(DeleteBehavior.NoAction);
            invitation.HasOne<Wave>().WithMany().HasForeignKey(i => new { i.TenantId, i.WaveId }).OnDelete(DeleteBehavior.NoAction);
            invitation.HasIndex(i => i.TokenHash).IsUnique().HasFilter("token_hash is not null");
        });
        // Test sends ("send a test to me"), kept apart from invitations (migration 0024).
        modelBuilder.Entity<TestSend>(test =>
        {
            test.ToTable("test_sends");
            test.HasKey(t => new { t.TenantId, t.Id });
            test.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
            test.HasIndex(t => new { t.TenantId, t.SurveyId, t.SentAt });
            test.HasOne<Survey>().WithMany().HasForeignKey(t => new { t.TenantId, t.SurveyId }).OnDelete(DeleteBehavior.Cascade);
        });

        // Web widgets (migration 0027): found across tenants by their public id (surveys.find_widget).
        modelBuilder.Entity<Widget>(widget =>
        {
            widget.HasKey(w => new { w.TenantId, w.Id });
            widget.HasIndex(w => new { w.TenantId, w.SurveyId });
            widget.HasIndex(w => w.Id).IsUnique();
            widget.HasOne<Survey>().WithMany().HasForeignKey(w => new { w.TenantId, w.SurveyId }).OnDelete(DeleteBehavior.Cascade);
        });

        // Open links (migration 0026): found across tenants by their slug (surveys.find_open_link).
        modelBuilder.Entity<OpenLink>(link =>
        {
            link.HasKey(l => new { l.TenantId, l.SurveyId });
            link.HasIndex(l => l.Slug).IsUnique();
            link.HasOne<Survey>().WithMany().HasForeignKey(l => new { l.TenantId, l.SurveyId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
