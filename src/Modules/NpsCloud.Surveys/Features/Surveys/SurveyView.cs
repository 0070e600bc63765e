namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>A survey as the API shows it; <c>questionText</c> is what recipients read in the survey's language.</summary>
/// <param name="PromoterStep">What the thank-you page offers promoters next; null offers nothing.</param>
/// <param name="PromoterClicks">Invitations whose person followed the promoters' next step (each counted once).</param>
internal sealed record SurveyView(
    Guid Id,
    string Name,
    string Kind,
    string Status,
    Guid? DepartmentId,
    string? Touchpoint,
    string Locale,
    string? Question,
    string QuestionText,
    FollowUpQuestions FollowUpQuestions,
    string BrandColor,
    string? LogoUrl,
    int ReminderAfterDays,
    int LinkValidDays,
    ScheduleInput? Schedule,
    DateTimeOffset? NextWaveAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    PromoterStepInput? PromoterStep = null,
    int PromoterClicks = 0);
