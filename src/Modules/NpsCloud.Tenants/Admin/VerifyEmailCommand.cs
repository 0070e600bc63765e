using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Admin;

/// <summary>
/// <c>./nps admin verify-email &lt;tenantId&gt;</c>: an operator vouches for a company's address (support
/// checked it another way), with the same effect as the owner's link: held invitations go out.
/// </summary>
internal sealed class VerifyEmailCommand(IServiceScopeFactory scopes, TimeProvider clock) : IAdminCommand
{
    public string Name => "verify-email";

    public string Usage => "verify-email <id>       mark a tenant's sign-up address verified: surveys go to everyone";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1 || !Guid.TryParse(arguments[0], out var tenantId))
        {
            output.WriteLine("Usage: ./nps admin " + Usage);
            return 2;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<TenantsDbContext>();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
        if (tenant is null)
        {
            output.WriteLine($"No tenant {tenantId}.");
            return 1;
        }

        await VerifyEmail.MarkVerifiedAsync(db, tenant, clock.GetUtcNow(), cancellationToken);
        output.WriteLine($"{tenant.Name} ({tenantId}) has a verified address since {tenant.EmailVerifiedAt:yyyy-MM-dd HH:mm} UTC.");
        return 0;
    }
}
