using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>
/// The company's touchpoints and what the pages call them (ADR 0038): the key is what surveys, responses
/// and goals store and the API keeps; the labels are for people, one per language.
/// </summary>
internal static partial class Touchpoints
{
    public const int MaxKeyLength = 40;
    public const int MaxLabelLength = 60;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex KeyShape();

    /// <summary>Adds a touchpoint, or relabels the one with this key.</summary>
    public sealed record Save(string Key, string LabelTr, string LabelEn) : IRequest, ITenantWrite;

    public sealed class SaveValidator : AbstractValidator<Save>
    {
        public SaveValidator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(t => t.Key).Must(k => k is { Length: > 0 and <= MaxKeyLength } && KeyShape().IsMatch(k))
                .WithMessage(_ => text["Validation.TouchpointKey", MaxKeyLength]);
            RuleFor(t => t.LabelTr).Must(l => !string.IsNullOrWhiteSpace(l) && l.Trim().Length <= MaxLabelLength)
                .WithMessage(_ => text["Validation.TouchpointLabel", MaxLabelLength]);
            RuleFor(t => t.LabelEn).Must(l => !string.IsNullOrWhiteSpace(l) && l.Trim().Length <= MaxLabelLength)
                .WithMessage(_ => text["Validation.TouchpointLabel", MaxLabelLength]);
        }
    }

    internal sealed class SaveHandler(TenantsDbContext db, ITenantContext tenant, TimeProvider clock, TouchpointMemo memo) : IRequestHandler<Save>
    {
        public async Task<Unit> Handle(Save command, CancellationToken cancellationToken)
        {
            var existing = await db.Touchpoints.FirstOrDefaultAsync(t => t.Key == command.Key, cancellationToken);
            if (existing is null)
            {
                db.Touchpoints.Add(new Touchpoint
                {
                    TenantId = tenant.RequiredTenantId, Key = command.Key, LabelTr = command.LabelTr.Trim(), LabelEn = command.LabelEn.Trim(), CreatedAt = clock.GetUtcNow(),
                });
            }
            else
            {
                existing.LabelTr = command.LabelTr.Trim();
                existing.LabelEn = command.LabelEn.Trim();
            }

            await db.SaveChangesAsync(cancellationToken);
            memo.Forget();
            return Unit.Value;
        }
    }
}
