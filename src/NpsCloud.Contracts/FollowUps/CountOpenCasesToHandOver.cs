using MediatR;

namespace NpsCloud.Contracts.FollowUps;

/// <summary>
/// How many open follow-up cases (not resolved or closed) assigned to <paramref name="UserId"/> that person
/// could no longer work on with <paramref name="Role"/> (null: none at all) and <paramref name="DepartmentIds"/>:
/// the cases a change of their access would hand over. Answered by the FollowUps module for the confirmation.
/// </summary>
public sealed record CountOpenCasesToHandOver(Guid UserId, string? Role, IReadOnlyList<Guid> DepartmentIds) : IRequest<int>;
