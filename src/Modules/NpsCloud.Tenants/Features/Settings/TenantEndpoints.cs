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

namespace NpsCloud.Tenants.Features.Settings;

/// <summary><c>GET /api/v1/tenant</c> and <c>PATCH /api/v1/tenant/settings</c>.</summary>
internal static class TenantEndpoints
{
    /// <param name="ApiRequestsPerMinute">The limit that applies: the company's own, else the operator's default.</param>
    public sealed record TenantSettings(
        string Locale, string TimeZone, int ThrottleDays, int FollowUpSlaHours, bool FollowUpPassives, int ResurveyAfterResolutionDays, int ApiRequestsPerMinute);

    /// <param name="EmailVerified">Whether the owner has proved the sign-up address; until then surveys go only to the owner's own address and the others wait.</param>
    public sealed record TenantView(Guid Id, string Name, string Plan, DateTimeOffset TrialEndsAt, int TrialDaysLeft, TenantSettings Settings, bool EmailVerified)
    {
        public static TenantView From(TenantProfile profile, DateTimeOffset now, ApiKeyRateLimiter limiter, bool emailVerified) => new(
            profile.Id, profile.Name, profile.Plan, profile.TrialEndsAt,
            profile.Plan == Plans.Trial ? (int)Math.Ceiling((profile.TrialEndsAt - now).TotalDays) : 0,
            new TenantSettings(profile.Locale, profile.TimeZone, profile.ThrottleDays, profile.FollowUpSlaHours, profile.FollowUpPassives, profile.ResurveyAfterResolutionDays,
                limiter.LimitFor(profile.ApiRequestsPerMinute)),
            emailVerified);
    }

    /// <summary>Changes only the settings present in the request.</summary>
    public sealed record UpdateSettings(
        string? Locale, string? TimeZone, int? ThrottleDays, int? FollowUpSlaHours, bool? FollowUpPassives, int? ResurveyAfterResolutionDays = null, int? ApiRequestsPerMinute = null)
        : IRequest<TenantView>, ITenantWrite;

    public sealed class UpdateSettingsValidator : AbstractValidator<UpdateSettings>
    {
        public UpdateSettingsValidator(IStringLocalizer<TenantsText> text, ApiKeyRateLimiter limiter)
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

    public sealed class UpdateSettingsHandler(TenantsDbContext db, ITenantContext tenant, TimeProvider clock, ApiKeyRateLimiter limiter) : IRequestHandler<UpdateSettings, TenantView>
    {
        public async Task<TenantView> Handle(UpdateSettings update, CancellationToken cancellationToken)
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
            return TenantView.From(company.ProfileAt(now), now, limiter, company.EmailVerifiedAt is not null);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tenant", async (IMediator mediator, ITenantContext tenant, TimeProvider clock, ApiKeyRateLimiter limiter, CancellationToken cancellationToken) =>
                TenantView.From(await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken), clock.GetUtcNow(), limiter,
                    (await mediator.Send(new GetEmailVerification(tenant.RequiredTenantId), cancellationToken)).Verified))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithTags("Tenant")
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .WithSummary("The company this API key belongs to: plan, trial end and settings");

        api.MapPatch("/tenant/settings", async (UpdateSettings update, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(update, cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithTags("Tenant")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithSummary("Change settings; absent fields keep their value")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired);
    }
}
