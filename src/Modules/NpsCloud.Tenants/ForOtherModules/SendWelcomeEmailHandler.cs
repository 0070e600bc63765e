using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>After sign-up commits, the owner gets a welcome email with the login link (at least once).</summary>
internal sealed class SendWelcomeEmailHandler(TenantsDbContext db, TimeProvider clock, IEmailSender mail, AccountEmails emails)
    : IdempotentEffectHandler<TenantSignedUp, TenantsDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(TenantSignedUp signedUp, CancellationToken cancellationToken) =>
        mail.SendAsync(emails.Welcome(signedUp.OwnerEmail, signedUp.OwnerName, signedUp.CompanyName, signedUp.Locale), cancellationToken);
}
