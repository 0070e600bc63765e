using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Demo;

/// <summary>
/// <c>./nps run --demo</c>: a Turkish demo company on a trial, with three departments, a department
/// head and a viewer. Created once; later runs find it and print the same logins.
/// </summary>
internal sealed class TenantsDemoSeeder(IServiceScopeFactory scopes, CrossTenantLookup lookup, TimeProvider clock) : IDemoDataSeeder
{
    public const string OwnerEmail = "demo@npscloud.example";
    public const string HeadEmail = "destek@npscloud.example";
    public const string ViewerEmail = "izleyici@npscloud.example";
    public const string Password = "demo-parola-2026";

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (await lookup.UserByEmailAsync(OwnerEmail.ToUpperInvariant(), cancellationToken) is null)
        {
            Guid tenantId;
            await using (var scope = scopes.CreateAsyncScope())
            {
                // Outside a request there is no reader's language: the company's first texts (its API key's name) are Turkish, as it is.
                var culture = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("tr");
                SignUp.Result result;
                try
                {
                    result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                        new SignUp.Command("Anadolu Lojistik A.Ş.", "Deniz Yılmaz", OwnerEmail, Password, "tr"), cancellationToken);
                }
                finally
                {
                    CultureInfo.CurrentUICulture = culture;
                }
                tenantId = result.TenantId;
                lines.Add($"API key (admin, shown once): {result.ApiKey}");
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var support = await mediator.Send(new CreateDepartment.Command("Müşteri Hizmetleri"), cancellationToken);
                await mediator.Send(new CreateDepartment.Command("Teslimat"), cancellationToken);
                await mediator.Send(new CreateDepartment.Command("Faturalama"), cancellationToken);
                // The demo's surveys and answers use these keys: the pages show their labels.
                foreach (var (key, tr, en) in new[] { ("billing", "Faturalama", "Billing"), ("delivery", "Teslimat", "Delivery"), ("onboarding", "Kurulum", "Onboarding"), ("support", "Destek", "Support") })
                {
                    await mediator.Send(new Touchpoints.Save(key, tr, en), cancellationToken);
                }

                var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
                var head = await AddUserAsync(users, HeadEmail, "Ece Kaya", Roles.DepartmentHead, support.Id);
                await AddUserAsync(users, ViewerEmail, "Mert Demir", Roles.Viewer, null);
                var db = scope.ServiceProvider.GetRequiredService<TenantsDbContext>();
                var department = await db.Departments.FirstAsync(d => d.Id == support.Id, cancellationToken);
                department.HeadUserId = head.Id;
                await db.SaveChangesAsync(cancellationToken);
                // The demo's addresses are not real mailboxes: the company is verified so its surveys go out.
                var company = await db.Tenants.FirstAsync(t => t.TenantId == tenantId, cancellationToken);
                await VerifyEmail.MarkVerifiedAsync(db, company, clock.GetUtcNow(), cancellationToken);
            }
        }

        lines.Add($"Log in as the owner:           {OwnerEmail} / {Password}");
        lines.Add($"Log in as a department head:   {HeadEmail} / {Password}");
        lines.Add($"Log in as a viewer:            {ViewerEmail} / {Password}");
        return lines;
    }

    private async Task<User> AddUserAsync(UserManager<User> users, string email, string name, string role, Guid? departmentId)
    {
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email,
            NormalizedEmail = users.NormalizeEmail(email),
            Name = name,
            Role = role,
            Locale = "tr",
            CreatedAt = now,
        };
        if (departmentId is { } id) user.Departments.Add(new UserDepartment { UserId = user.Id, DepartmentId = id });
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        return user;
    }
}
