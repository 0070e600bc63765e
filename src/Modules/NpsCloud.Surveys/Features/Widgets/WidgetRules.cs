using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Widgets;

internal static class WidgetRules
{
    /// <summary>The caller's widget (another tenant's or department's is not found).</summary>
    public static async Task<Widget> FindAsync(SurveysDbContext db, string id, CancellationToken cancellationToken, bool track = false) =>
        (Widget.LooksLikeId(id) ? await (track ? db.Widgets : db.Widgets.AsNoTracking()).FirstOrDefaultAsync(w => w.Id == id, cancellationToken) : null)
        ?? throw new NotFoundException("The widget");

    public static async Task ValidateAsync(IValidator<WidgetInput> validator, WidgetInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) throw new RequestValidationException(validation.Errors);
    }

    /// <summary>
    /// The cross-tenant path of the public script and answers (migration 0027): the tenant that has a widget
    /// with this id; nothing else is read outside a tenant.
    /// </summary>
    public static async Task<Guid?> FindTenantAsync(AppDataSource dataSource, string id, CancellationToken cancellationToken)
    {
        if (!Widget.LooksLikeId(id)) return null;
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id from surveys.find_widget($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid tenantId ? tenantId : null;
    }
}
