using MediatR;

namespace NpsCloud.Contracts.Responses;

/// <summary>
/// One person's answers given before <paramref name="Before"/>, newest first, at most <paramref name="Limit"/>
/// (1..50), for the case page's "earlier answers". Department visibility applies: a department head gets only the answers of the
/// departments they may see. Answered by the Responses module.
/// </summary>
public sealed record ListAnswersOfContact(Guid ContactId, DateTimeOffset Before, int Limit) : IRequest<IReadOnlyList<ResponseSummary>>;

/// <summary>
/// The answers follow-up cases are about, by response id (unknown ids left out). The ids come from cases
/// the caller may see, so the answer shows even after its case moved to a department the answer is not
/// filed under (like <c>FindContacts(..., OfVisibleRows: true)</c>). Answered by the Responses module.
/// </summary>
public sealed record FindAnswersOfCases(IReadOnlyCollection<Guid> ResponseIds) : IRequest<IReadOnlyDictionary<Guid, ResponseSummary>>;
