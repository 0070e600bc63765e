using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>
/// Whether the tenant's owner has proved the sign-up address (answered by the Tenants module). Until then
/// the Surveys module sends invitations only to the owners' own addresses and holds the others.
/// </summary>
public sealed record GetEmailVerification(Guid TenantId) : IRequest<EmailVerificationState>;

/// <param name="OwnerEmails">The addresses of the company's owners, which may be surveyed before verification.</param>
public sealed record EmailVerificationState(bool Verified, IReadOnlyList<string> OwnerEmails)
{
    public bool MaySendTo(string email) =>
        Verified || OwnerEmails.Any(owner => string.Equals(owner.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The owner proved the sign-up address: invitations held for it may go out now.</summary>
public sealed record TenantEmailVerified(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt) : IIntegrationEvent;
