using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.OpenLinks;

internal static class OpenLinkRules
{
    /// <summary>The open link of the caller's survey (another tenant's or department's survey is not found, nor is a survey without a link).</summary>
    public static async Task<(OpenLink Link, Survey Survey)> FindAsync(SurveysDbContext db, Guid surveyId, CancellationToken cancellationToken, bool track = false)
    {
        var survey = await SurveyRules.FindAsync(db, surveyId, cancellationToken);
        var link = await (track ? db.OpenLinks : db.OpenLinks.AsNoTracking()).FirstOrDefaultAsync(l => l.SurveyId == surveyId, cancellationToken)
            ?? throw new NotFoundException("The survey's open link");
        return (link, survey);
    }

    /// <summary>
    /// The cross-tenant path of the public page (migration 0026): the tenant that has a link with this slug;
    /// nothing else is read outside a tenant.
    /// </summary>
    public static async Task<Guid?> FindTenantAsync(AppDataSource dataSource, string slug, CancellationToken cancellationToken)
    {
        if (!OpenLink.LooksLikeSlug(slug)) return null;
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id from surveys.find_open_link($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = slug });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid tenantId ? tenantId : null;
    }
}

/// <summary>
/// The key of a link's kiosk address: signed and encrypted (Data Protection), naming the tenant and the slug,
/// so nothing is stored and a new address ends every kiosk of the old one. Whoever has it can answer from
/// one device again and again (the daily cap still holds), so it is shown to the company only.
/// </summary>
internal sealed class OpenLinkKioskKeys(IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector("NpsCloud.OpenLink.Kiosk.v1");

    public string For(Guid tenantId, string slug) => Protector.Protect($"{tenantId:N}|{slug}");

    public bool Opens(string? key, Guid tenantId, string slug)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 500) return false;
        try
        {
            return Protector.Unprotect(key) == $"{tenantId:N}|{slug}";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
