using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>
/// The answer given through a test send's link (<see cref="SurveyLink.IsTest"/>), in the link's tenant: it
/// is kept with the test and never counted (no response, no event). A later answer replaces it; a null
/// comment keeps the one given. Answers the test's answer as now stored; null for an unknown test.
/// Answered by the Surveys module.
/// </summary>
public sealed record RecordTestAnswer(Guid TestSendId, int Score, string? Comment) : IRequest<TestAnswer?>;

public sealed record TestAnswer(int Score, string? Comment);

/// <summary>
/// How far the current tenant is on the first-run checklist: a survey, contacts, a test sent, a test
/// answered, a first real invitation sent. Answered by the Surveys module.
/// </summary>
public sealed record GetFirstRunProgress : IRequest<FirstRunProgress>;

/// <param name="SurveyId">The survey the next steps are taken on (the latest not archived), if there is one.</param>
public sealed record FirstRunProgress(bool HasSurvey, bool HasContacts, bool TestSent, bool TestAnswered, bool SentToCustomers, Guid? SurveyId);
