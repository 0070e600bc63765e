using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>
/// Ask a person again, now, with a new invitation to the same survey, after their follow-up case was
/// resolved. Nothing is sent (and the answer says why) when the person unsubscribed, bounced or was
/// erased, or when the survey is no longer active. The company's throttle window does not apply: the
/// re-survey is the deliberate end of a conversation the person was part of. Answered by the Surveys module.
/// </summary>
public sealed record RequestResurvey(Guid SurveyId, Guid ContactId, string? Locale) : IRequest<ResurveyOutcome>;

/// <summary>Either the invitation that will go out, or <paramref name="Reason"/> why none will.</summary>
public sealed record ResurveyOutcome(Guid? InvitationId, string? Reason);
