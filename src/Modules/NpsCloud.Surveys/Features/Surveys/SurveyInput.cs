using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>What a client sends to create a survey (and, merged with the stored survey, to change one).</summary>
internal sealed record SurveyInput(
    string Name,
    string Kind,
    string Locale,
    Guid? DepartmentId = null,
    string? Touchpoint = null,
    string? Question = null,
    FollowUpQuestions? FollowUpQuestions = null,
    string? BrandColor = null,
    string? LogoUrl = null,
    int? ReminderAfterDays = null,
    int? LinkValidDays = null,
    ScheduleInput? Schedule = null,
    PromoterStepInput? PromoterStep = null) : IRequest<SurveyView>, ITenantWrite
{
    public static SurveyInput From(Survey survey) => new(
        survey.Name, survey.Kind, survey.Locale, survey.DepartmentId, survey.Touchpoint, survey.Question,
        new FollowUpQuestions(survey.FollowUpPromoter, survey.FollowUpPassive, survey.FollowUpDetractor),
        survey.BrandColor, survey.LogoUrl, survey.ReminderAfterDays, survey.LinkValidDays,
        survey.FirstWaveAt is null && survey.ScheduleEveryDays is null && survey.ScheduleCadence is null
            ? null
            : new ScheduleInput(survey.ScheduleEveryDays, survey.ScheduleCadence, survey.FirstWaveAt),
        survey.PromoterStepKind is { } kind ? new PromoterStepInput(kind, survey.PromoterStepUrl!, survey.PromoterStepLabel) : null);

    public void ApplyTo(Survey survey)
    {
        survey.Name = Name.Trim();
        survey.Locale = Locale;
        survey.DepartmentId = DepartmentId;
        survey.Touchpoint = string.IsNullOrWhiteSpace(Touchpoint) ? null : Touchpoint.Trim().ToLowerInvariant();
        survey.Question = Blank(Question);
        survey.FollowUpPromoter = Blank(FollowUpQuestions?.Promoter);
        survey.FollowUpPassive = Blank(FollowUpQuestions?.Passive);
        survey.FollowUpDetractor = Blank(FollowUpQuestions?.Detractor);
        survey.BrandColor = BrandColor?.ToLowerInvariant() ?? Survey.DefaultBrandColor;
        survey.LogoUrl = Blank(LogoUrl);
        survey.ReminderAfterDays = ReminderAfterDays ?? 0;
        survey.LinkValidDays = LinkValidDays ?? 30;
        survey.ScheduleEveryDays = Schedule?.EveryDays;
        survey.ScheduleCadence = Schedule?.Cadence;
        survey.FirstWaveAt = Schedule?.FirstWaveAt is { } first ? DateTime.SpecifyKind(first, DateTimeKind.Unspecified) : null;
        survey.PromoterStepKind = PromoterStep?.Kind;
        survey.PromoterStepUrl = PromoterStep?.Url.Trim();
        survey.PromoterStepLabel = Blank(PromoterStep?.Label);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What the thank-you page offers promoters (9-10) next; the button goes through a redirect that counts clicks.</summary>
/// <param name="Kind"><c>review</c> (a review site) or <c>referral</c> (a referral page).</param>
/// <param name="Url">An https address, at most 2,000 characters.</param>
/// <param name="Label">The button's label in the survey's language, at most 60 characters; null shows the kind's default.</param>
internal sealed record PromoterStepInput(string Kind, string Url, string? Label = null);

internal sealed record FollowUpQuestions(string? Promoter, string? Passive, string? Detractor);

/// <param name="EveryDays">Every N days, or…</param>
/// <param name="Cadence">…quarterly, halfYearly or yearly.</param>
/// <param name="FirstWaveAt">The first wave, as a wall-clock time in the company's time zone.</param>
internal sealed record ScheduleInput(int? EveryDays, string? Cadence, DateTime? FirstWaveAt);

internal sealed partial class SurveyInputValidator : AbstractValidator<SurveyInput>
{
    public SurveyInputValidator(IStringLocalizer<SurveysText> text)
    {
        RuleFor(s => s.Name).Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.NameRequired"])
            .MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
        RuleFor(s => s.Kind).Must(kind => SurveyKinds.All.Contains(kind)).WithMessage(_ => text["Validation.Kind"]);
        RuleFor(s => s.Locale).Must(locale => locale is "en" or "tr").WithMessage(_ => text["Validation.Locale"]);
        RuleFor(s => s.Touchpoint).MaximumLength(50).WithMessage(_ => text["Validation.TooLong", 50])
            .Matches("^[A-Za-z0-9 _-]*$").WithMessage(_ => text["Validation.Touchpoint"]);
        RuleFor(s => s.Question).MaximumLength(500).WithMessage(_ => text["Validation.TooLong", 500]);
        RuleFor(s => s.FollowUpQuestions!.Promoter).MaximumLength(500).WithMessage(_ => text["Validation.TooLong", 500]).When(s => s.FollowUpQuestions is not null);
        RuleFor(s => s.FollowUpQuestions!.Passive).MaximumLength(500).WithMessage(_ => text["Validation.TooLong", 500]).When(s => s.FollowUpQuestions is not null);
        RuleFor(s => s.FollowUpQuestions!.Detractor).MaximumLength(500).WithMessage(_ => text["Validation.TooLong", 500]).When(s => s.FollowUpQuestions is not null);
        RuleFor(s => s.BrandColor).Must(colour => colour is null || HexColour().IsMatch(colour)).WithMessage(_ => text["Validation.BrandColor"]);
        RuleFor(s => s.LogoUrl).Must(url => url is null || url.Length <= 2000 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            .WithMessage(_ => text["Validation.LogoUrl"]);
        RuleFor(s => s.ReminderAfterDays).InclusiveBetween(0, 60).When(s => s.ReminderAfterDays is not null).WithMessage(_ => text["Validation.Between", 0, 60]);
        RuleFor(s => s.LinkValidDays).InclusiveBetween(1, 365).When(s => s.LinkValidDays is not null).WithMessage(_ => text["Validation.Between", 1, 365]);
        When(s => s.PromoterStep is not null, () =>
        {
            RuleFor(s => s.PromoterStep!.Kind).Must(kind => PromoterStepKinds.All.Contains(kind)).WithMessage(_ => text["Validation.PromoterStepKind"]);
            RuleFor(s => s.PromoterStep!.Url).Must(IsHttpsAddress).WithMessage(_ => text["Validation.PromoterStepUrl", PromoterStepKinds.MaxUrlLength]);
            RuleFor(s => s.PromoterStep!.Label).MaximumLength(PromoterStepKinds.MaxLabelLength).WithMessage(_ => text["Validation.TooLong", PromoterStepKinds.MaxLabelLength])
                .Must(label => !ControlCharacters.IsForbidden(label, multiLine: false)).WithMessage(_ => text["Validation.SingleLine"]);
        });
        When(s => s.Schedule is not null, () =>
        {
            RuleFor(s => s.Schedule).Must(schedule => schedule!.EveryDays is null != schedule.Cadence is null).WithMessage(_ => text["Validation.ScheduleOne"]);
            RuleFor(s => s.Schedule!.EveryDays).InclusiveBetween(1, 3650).When(s => s.Schedule!.EveryDays is not null).WithMessage(_ => text["Validation.Between", 1, 3650]);
            RuleFor(s => s.Schedule!.Cadence).Must(cadence => cadence is null || Cadences.All.Contains(cadence)).WithMessage(_ => text["Validation.Cadence"]);
            RuleFor(s => s.Schedule!.FirstWaveAt).NotNull().WithMessage(_ => text["Validation.FirstWave"]);
            RuleFor(s => s.Kind).Equal(SurveyKinds.Relationship).WithMessage(_ => text["Validation.ScheduleRelationshipOnly"]);
        });
    }

    /// <summary>Only https: the button sends a customer on from our page, so never to a plain-text or script address.</summary>
    private static bool IsHttpsAddress(string? url) =>
        url is not null && url.Trim().Length <= PromoterStepKinds.MaxUrlLength && !ControlCharacters.IsForbidden(url, multiLine: false)
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.UserInfo);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
