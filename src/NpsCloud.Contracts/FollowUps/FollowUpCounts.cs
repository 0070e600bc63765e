using MediatR;

namespace NpsCloud.Contracts.FollowUps;

/// <summary>
/// How many follow-up cases of each department are open (not resolved or closed) and how many of those
/// are past their due time, at <paramref name="At"/>. Answered by the FollowUps module; the goal reviews
/// and the department page show them. Departments without cases are left out.
/// </summary>
public sealed record CountFollowUps(IReadOnlyCollection<Guid> DepartmentIds, DateTimeOffset At) : IRequest<IReadOnlyList<DepartmentFollowUps>>;

public sealed record DepartmentFollowUps(Guid DepartmentId, int Open, int Overdue);
