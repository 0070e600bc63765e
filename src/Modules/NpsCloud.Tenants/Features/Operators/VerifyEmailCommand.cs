using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Features.Operators;

/// <summary>
/// <c>./nps admin verify-email &lt;tenantId&gt;</c>: an operator vouches for a company's address (support
/// checked it another way), with the same effect as the owner's link: held invitations go out.
/// </summary>
internal sealed class VerifyEmailCommand(IServiceScopeFactory scopes, TimeProvider clock) : TenantAdminCommand(scopes)
{
    public override string Name => "verify-email";

    public override string Usage => "verify-email <id>       mark a tenant's sign-up address verified: surveys go to everyone";

    protected override async Task RunAsync(TenantsDbContext db, Tenant tenant, TextWriter output, CancellationToken cancellationToken)
    {
        await VerifyEmail.MarkVerifiedAsync(db, tenant, clock.GetUtcNow(), cancellationToken);
        output.WriteLine($"{tenant.Name} ({tenant.TenantId}) has a verified address since {tenant.EmailVerifiedAt:yyyy-MM-dd HH:mm} UTC.");
    }
}
