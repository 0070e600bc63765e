using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>
/// After sign-up commits, the owner gets the link that proves the address (at least once). The token is
/// made here, when the email goes out, so the outbox never holds one.
/// </summary>
internal sealed class SendVerificationEmailHandler(TenantsDbContext db, TimeProvider clock, IEmailSender mail, AccountEmails emails, VerificationTokens tokens)
    : IdempotentEffectHandler<TenantSignedUp, TenantsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(TenantSignedUp signedUp, CancellationToken cancellationToken)
    {
        var company = await Db.Tenants.FirstAsync(t => t.TenantId == signedUp.TenantId, cancellationToken);
        if (company.EmailVerifiedAt is not null) return;
        var owner = await Db.Users.AsNoTracking().FirstAsync(u => u.Id == signedUp.OwnerUserId, cancellationToken);
        await mail.SendAsync(
            emails.Verification(owner.Email, owner.Name, signedUp.CompanyName, tokens.Issue(signedUp.TenantId, owner.Id, owner.NormalizedEmail), owner.Locale),
            cancellationToken);
        company.VerificationSentAt = Clock.GetUtcNow();
    }
}
