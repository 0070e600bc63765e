using System.Net.Mail;
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
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>Changes only the settings present in the request.</summary>
/// <param name="SenderName">The display name of invitations ("{senderName} via NpsCloud"); an empty string goes back to the company's name.</param>
/// <param name="ReplyTo">Where customers' replies to invitations go.</param>
/// <param name="SenderAddress">An own address to send from once its domain is proved; an empty string goes back to the platform address.</param>
/// <param name="PromiseDetractorReply">The thank-you page tells a detractor the team will get back to them within the follow-up SLA.</param>
/// <param name="FollowUpPromoters">A promoter's answer opens a case of kind <c>promoter</c> (thank them, ask for a case study).</param>
internal sealed record TenantUpdateSettings(
    string? Locale, string? TimeZone, int? ThrottleDays, int? FollowUpSlaHours, bool? FollowUpPassives, int? ResurveyAfterResolutionDays = null, int? ApiRequestsPerMinute = null,
    string? SenderName = null, string? ReplyTo = null, string? SenderAddress = null, bool? PromiseDetractorReply = null, bool? FollowUpPromoters = null)
    : IRequest<TenantView>, ITenantWrite;

/// <summary><c>PATCH /api/v1/tenant/settings</c>. The request keeps the name the API document gives its body.</summary>
internal static class UpdateTenantSettings
{
    public const int SenderNameMaxLength = 100;

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
            RuleFor(s => s.SenderName).MaximumLength(SenderNameMaxLength).WithMessage(_ => text["Validation.SenderNameTooLong", SenderNameMaxLength])
                .Must(name => name!.Length == 0 || !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.SenderNameBlank"])
                .When(s => s.SenderName is not null);
            RuleFor(s => s.ReplyTo!).ValidEmail(text).Must(IsMailAddress).WithMessage(_ => text["Validation.EmailInvalid"])
                .When(s => s.ReplyTo is not null);
            RuleFor(s => s.SenderAddress!).ValidEmail(text).Must(IsMailAddress).WithMessage(_ => text["Validation.EmailInvalid"])
                .When(s => !string.IsNullOrEmpty(s.SenderAddress));
        }

        /// <summary>What the mail library will take as one bare address (FluentValidation's check only wants an @).</summary>
        private static bool IsMailAddress(string address) =>
            MailAddress.TryCreate(address.Trim(), out var parsed) && parsed.Address == address.Trim() && parsed.DisplayName.Length == 0
            && SenderIdentity.DomainOf(address)!.Contains('.');
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
            company.PromiseDetractorReply = update.PromiseDetractorReply ?? company.PromiseDetractorReply;
            company.FollowUpPromoters = update.FollowUpPromoters ?? company.FollowUpPromoters;
            company.ApiRequestsPerMinute = update.ApiRequestsPerMinute ?? company.ApiRequestsPerMinute;
            if (update.SenderName is { } senderName) company.SenderName = senderName.Length == 0 ? null : senderName.Trim();
            if (update.ReplyTo is { } replyTo) company.ReplyTo = replyTo.Trim();
            if (update.SenderAddress is { } senderAddress) company.ChangeSenderAddress(senderAddress.Length == 0 ? null : senderAddress.Trim());
            await db.SaveChangesAsync(cancellationToken);
            profiles.Forget(company.TenantId);
            return TenantView.From(company.ProfileAt(now), now, limiter, company.EmailVerifiedAt is not null, SenderDomainView.From(company));
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
