using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers the Surveys module's sender: is the company verified, and who are its owners.</summary>
internal sealed class GetEmailVerificationHandler(TenantsDbContext db) : IRequestHandler<GetEmailVerification, EmailVerificationState>
{
    public async Task<EmailVerificationState> Handle(GetEmailVerification query, CancellationToken cancellationToken)
    {
        var company = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == query.TenantId, cancellationToken)
            ?? throw new NotFoundException("The tenant");
        var owners = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Owner).Select(u => u.Email).ToListAsync(cancellationToken);
        return new EmailVerificationState(company.EmailVerifiedAt is not null, owners);
    }
}
