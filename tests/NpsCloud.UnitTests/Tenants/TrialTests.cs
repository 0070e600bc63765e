using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.UnitTests.Tenants;

public sealed class TrialTests
{
    private static readonly DateTimeOffset SignedUp = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Tenant Company(string status = TenantStatus.Trial) => new()
    {
        TenantId = Guid.NewGuid(), Name = "Acme", Status = status, TrialEndsAt = SignedUp + Tenant.TrialLength, Locale = "en", TimeZone = "UTC",
    };

    [Fact]
    public void The_trial_runs_fourteen_days_to_the_second_then_expires_by_itself()
    {
        var company = Company();

        Assert.Equal(Plans.Trial, company.PlanAt(SignedUp.AddDays(14).AddSeconds(-1)));
        Assert.Equal(Plans.Expired, company.PlanAt(SignedUp.AddDays(14)));
        Assert.False(company.ProfileAt(SignedUp.AddDays(20)).CanWrite);
        Assert.True(company.ProfileAt(SignedUp.AddDays(1)).CanWrite);
    }

    [Fact]
    public void An_active_company_never_expires() =>
        Assert.Equal(Plans.Active, Company(TenantStatus.Active).PlanAt(SignedUp.AddYears(5)));
}
