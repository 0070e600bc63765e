using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>Changes only the settings present in the request.</summary>
internal sealed record TenantUpdateSettings(
    string? Locale, string? TimeZone, int? ThrottleDays, int? FollowUpSlaHours, bool? FollowUpPassives, int? ResurveyAfterResolutionDays = null, int? ApiRequestsPerMinute = null)
    : IRequest<TenantView>, ITenantWrite;

/// <summary><c>PATCH /api/v1/tenant/settings</c>. The request keeps the name the API document gives its body.</summary>
internal static class UpdateTenantSettings
{
    public sealed class Validator : AbstractValidator<TenantUpdateSettings>
    {
        public Validator(IStringLocalizer<TenantsText> text, ApiKeyRateLimiter limiter)
        {
            RuleFor(s => s.Locale!).ValidLocale(text).When(s => s.Locale is not null);
            RuleFor(s => s.TimeZone).ValidTimeZone(text);
            RuleFor(s => s.ThrottleDays).InclusiveBetween(0, 365).When(s => s.ThrottleDays is not null);
            RuleFor(s => s.FollowUpSlaHours).InclusiveBetween(1, 720).When(s => s.FollowUpSlaHours is not null);
            RuleFor(s => s.ResurveyAfterResolutionDays).InclusiveBetween(0, 365).When(s => s.ResurveyAfterResolutionDays is not null);
            // The operator's ceiling, not the database's 10,000: one company must not take a host's capacity.
            RuleFor(s => s.ApiRequestsPerMinute).InclusiveBetween(60, limiter.CeilingPerMinute)
                .WithMessage(_ => text["Validation.ApiLimit", 60, limiter.CeilingPerMinute])
                .When(s => s.ApiRequestsPerMinute is not null);
        }
    }

    public sealed class Handler(TenantsDbContext db, ITenantContext tenant, TimeProvider clock, ApiKeyRateLimiter limiter, TenantProfileMemo profiles) : IRequestHandler<TenantUpdateSettings, TenantView>
    {
        public async Task<TenantView> Handle(TenantUpdateSettings update, CancellationToken cancellationToken)
        {
            var company = await db.Tenants.FirstAsync(t => t.TenantId == tenant.RequiredTenantId, cancellationToken);
            var now = clock.GetUtcNow();
            if (update.TimeZone is { } zone && zone != company.TimeZone)
            {
                db.Publish(new TenantTimeZoneChanged(Guid.CreateVersion7(now), company.TenantId, now, zone));
            }

            company.Locale = update.Locale ?? company.Locale;
            company.TimeZone = update.TimeZone ?? company.TimeZone;
            company.ThrottleDays = update.ThrottleDays ?? company.ThrottleDays;
            company.FollowUpSlaHours = update.FollowUpSlaHours ?? company.FollowUpSlaHours;
            company.FollowUpPassives = update.FollowUpPassives ?? company.FollowUpPassives;
            company.ResurveyAfterResolutionDays = update.ResurveyAfterResolutionDays ?? company.ResurveyAfterResolutionDays;
            company.ApiRequestsPerMinute = update.ApiRequestsPerMinute ?? company.ApiRequestsPerMinute;
            await db.SaveChangesAsync(cancellationToken);
            profiles.Forget(company.TenantId);
            return TenantView.From(company.ProfileAt(now), now, limiter, company.EmailVerifiedAt is not null);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPatch("/tenant/settings", async (TenantUpdateSettings update, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(update, cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithTags("Tenant")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithSummary("Change settings; absent fields keep their value")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired);
    }
}
