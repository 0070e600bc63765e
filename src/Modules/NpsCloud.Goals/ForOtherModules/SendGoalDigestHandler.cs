using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Features.Goals;

namespace NpsCloud.Goals.ForOtherModules;

/// <summary>
/// The review digest, in the recipient's language: per department, each goal's status and change since
/// the last review, the latest detractor comments and the open and overdue follow-ups, with a link to the
/// department page. Sent once per digest (the inbox records it with the send).
/// </summary>
internal sealed class SendGoalDigestHandler(GoalsDbContext db, IMediator mediator, IEmailSender mail, IStringLocalizer<GoalsText> text, PublicLinks links, TimeProvider clock)
    : IdempotentEffectHandler<GoalDigestDue, GoalsDbContext>(db, clock)
{
    public const int LatestComments = 3;

    protected override async Task HandleOnceAsync(GoalDigestDue due, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new FindUsers([due.RecipientUserId]), cancellationToken)).GetValueOrDefault(due.RecipientUserId) is not { } person) return;
        var reviews = await Db.Reviews.AsNoTracking().Where(r => due.ReviewIds.Contains(r.Id))
            .Join(Db.Goals.AsNoTracking(), r => r.GoalId, g => g.Id, (r, g) => new { Review = r, Goal = g })
            .ToListAsync(cancellationToken);
        if (reviews.Count == 0) return;
        var departments = reviews.Select(r => r.Goal.DepartmentId).Distinct().ToList();
        var followUps = (await mediator.Send(new CountFollowUps(departments, due.OccurredAt), cancellationToken)).ToDictionary(f => f.DepartmentId);

        using var _ = CultureScope.Use(person.Locale);
        var paragraphs = new List<string>();
        foreach (var department in reviews.GroupBy(r => r.Goal.DepartmentId))
        {
            var name = (await mediator.Send(new FindDepartment(department.Key), cancellationToken))?.Name ?? "";
            paragraphs.Add(text["Digest.Department", name]);
            foreach (var (review, goal) in department.OrderBy(r => r.Goal.PeriodStart).Select(r => (r.Review, r.Goal)))
            {
                var line = text["Digest.Goal", Number(goal.TargetNps), goal.PeriodStart.ToString("d", CultureInfo.CurrentCulture),
                    goal.PeriodEnd.ToString("d", CultureInfo.CurrentCulture), text[$"Status.{review.Status}"],
                    review.Nps is { } nps ? Number(nps) : "-", review.Responses].Value;
                if (review.CiLow is { } low && review.CiHigh is { } high) line += " " + text["Digest.Interval", ChartScale.FormatRange((double)low, (double)high)];
                line += " " + (review.Change is { } change ? text["Digest.Change", (change > 0 ? "+" : "") + Number(change)] : text["Digest.FirstReview"]);
                paragraphs.Add(line);
            }

            var comments = await mediator.Send(new ListLatestComments(department.Key, NpsCategories.Detractor, LatestComments), cancellationToken);
            paragraphs.Add(comments.Count == 0
                ? text["Digest.NoComments"]
                : text["Digest.Comments"] + " " + string.Join(" ", comments.Select(c => text["Digest.Comment", c.Score, Shorten(c.Comment)].Value)));
            var open = followUps.GetValueOrDefault(department.Key);
            paragraphs.Add(text["Digest.FollowUps", open?.Open ?? 0, open?.Overdue ?? 0]);
        }

        var (plain, html) = EmailLayout.Render(
            text["Digest.Heading"], paragraphs, text["Digest.Button"],
            links.To(departments.Count == 1 ? $"departments/{departments[0]}" : "departments"), text["Digest.Footer"]);
        await mail.SendAsync(new EmailMessage(person.Email, text["Digest.Subject", reviews.Count], plain, html) { ToName = person.Name }, cancellationToken);
    }

    private static string Number(decimal value) => value.ToString("0.0", CultureInfo.CurrentCulture);

    private static string Shorten(string comment) => comment.Length <= 200 ? comment : comment[..197] + "...";
}
