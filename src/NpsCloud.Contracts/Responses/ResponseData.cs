using MediatR;

namespace NpsCloud.Contracts.Responses;

/// <summary>One response of the current tenant as other modules show it, or null (another tenant's id is not found). Answered by the Responses module.</summary>
public sealed record FindResponse(Guid ResponseId) : IRequest<ResponseSummary?>;

/// <param name="Comment">Null when the person left none, or was erased.</param>
public sealed record ResponseSummary(
    Guid Id,
    Guid SurveyId,
    Guid? ContactId,
    Guid? DepartmentId,
    string? Touchpoint,
    string Channel,
    int Score,
    string Category,
    string? Comment,
    string? Locale,
    int Revision,
    DateTimeOffset RespondedAt);

/// <summary>
/// The current tenant's newest responses of these categories (<c>detractor</c>, <c>passive</c>, ...),
/// newest first, at most <paramref name="Limit"/>: for demo data that follows up on real answers.
/// </summary>
public sealed record FindRecentResponses(IReadOnlyCollection<string> Categories, int Limit) : IRequest<IReadOnlyList<ResponseSummary>>;
