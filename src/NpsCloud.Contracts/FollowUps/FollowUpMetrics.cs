using MediatR;

namespace NpsCloud.Contracts.FollowUps;

/// <summary>
/// How well the loop was closed for the cases opened in [<paramref name="Since"/>, <paramref name="Until"/>),
/// of one department when named. Answered by the FollowUps module (the API, the dashboard and the
/// department page show it). A department head asking without a department gets their departments only;
/// naming a department they cannot see is a 404.
/// </summary>
public sealed record GetFollowUpMetrics(DateTimeOffset Since, DateTimeOffset Until, Guid? DepartmentId) : IRequest<FollowUpMetrics>;

/// <param name="Opened">Cases opened in the window.</param>
/// <param name="Contacted">Of those, how many were contacted (by now).</param>
/// <param name="ContactedWithinSlaPercent">
/// Of the opened cases whose SLA is decided (contacted, or due before the window's end), the percentage
/// contacted by their due time; one decimal, null when none is decided yet.
/// </param>
/// <param name="MedianHoursToFirstContact">The median time from opening to the first contact, in hours (one decimal); null when none was contacted.</param>
/// <param name="Resolved">Of the opened cases, how many were resolved.</param>
/// <param name="ClosedLoopRate">Resolved or closed as a percentage of opened; one decimal, null when none was opened.</param>
/// <param name="Overdue">Cases opened before the window's end that, at its end (or now, if earlier), nobody had contacted and were past due.</param>
/// <param name="ResurveyAnswered">Of the opened cases of detractors (0-6), how many answered the re-survey sent after resolution (by now).</param>
/// <param name="Recovered">Of those, how many were won back: their answer to the re-survey is 7 or more.</param>
public sealed record FollowUpMetrics(
    int Opened,
    int Contacted,
    double? ContactedWithinSlaPercent,
    double? MedianHoursToFirstContact,
    int Resolved,
    double? ClosedLoopRate,
    int Overdue,
    int ResurveyAnswered,
    int Recovered);
