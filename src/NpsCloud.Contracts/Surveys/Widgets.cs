using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>
/// The web widget with this public id (<c>wgt_…</c>), in whichever tenant has it, with what its script shows;
/// null for an id no widget has. A cross-tenant path (surveys.find_widget): it reads in a scope of the
/// widget's tenant and leaves the caller's alone; the caller sets its tenant from the answer.
/// Answered by the Surveys module.
/// </summary>
public sealed record FindWidget(string WidgetId) : IRequest<WidgetInfo?>;

/// <param name="Live">Enabled, and its survey is not archived: it shows and takes answers.</param>
/// <param name="AllowedOrigins">Exact origins (<c>https://shop.example</c>) that may send its answers.</param>
/// <param name="Texts">What the widget says, by language (<c>en</c>, <c>tr</c>).</param>
public sealed record WidgetInfo(
    Guid TenantId,
    string WidgetId,
    Guid SurveyId,
    bool Live,
    IReadOnlyList<string> AllowedOrigins,
    Guid? DepartmentId,
    string? Touchpoint,
    string Locale,
    IReadOnlyDictionary<string, QuestionTexts> Texts,
    string BrandColor,
    WidgetBehaviour Behaviour);

/// <param name="FollowUps">The open question after the score, by category (<c>promoter</c>, <c>passive</c>, <c>detractor</c>).</param>
public sealed record QuestionTexts(string Question, IReadOnlyDictionary<string, string> FollowUps);

/// <summary>Where, when and how often the widget shows (read by its script in the visitor's browser).</summary>
/// <param name="Display"><c>popup</c> or <c>inline</c>.</param>
/// <param name="PathPatterns">Path prefixes, or patterns with <c>*</c> matching the whole path; empty for every page.</param>
public sealed record WidgetBehaviour(
    string Display,
    string InlineSelector,
    IReadOnlyList<string> PathPatterns,
    int DelaySeconds,
    int SamplingPercent,
    int SnoozeDaysAfterAnswer,
    int SnoozeDaysAfterDismiss);
