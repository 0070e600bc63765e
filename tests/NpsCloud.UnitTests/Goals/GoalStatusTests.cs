using NpsCloud.Contracts.Scoring;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Features.Goals;

namespace NpsCloud.UnitTests.Goals;

public sealed class GoalStatusTests
{
    private static readonly DateOnly First = new(2026, 6, 1), Last = new(2026, 6, 30);

    private static string Status(decimal target, long responses, double? nps, double? low, double? high, DateOnly today, int minResponses = 30) =>
        GoalStatus.Of(First, Last, target, minResponses, responses, nps, low, high, today);

    [Fact]
    public void Before_its_first_day_a_goal_is_upcoming_whatever_the_answers() =>
        Assert.Equal(GoalStatus.Upcoming, Status(20, 100, 80, 70, 90, First.AddDays(-1)));

    [Theory]
    [InlineData(0, null)]
    [InlineData(29, 80.0)]
    public void Fewer_answers_than_the_minimum_are_insufficient_during_and_after_the_period(long responses, double? nps)
    {
        Assert.Equal(GoalStatus.InsufficientData, Status(20, responses, nps, nps - 10, nps + 10, First.AddDays(5)));
        Assert.Equal(GoalStatus.InsufficientData, Status(20, responses, nps, nps - 10, nps + 10, Last.AddDays(1)));
    }

    [Theory]
    [InlineData(55.2, GoalStatus.OnTrack)]   // the low end reaches the target exactly
    [InlineData(55.3, GoalStatus.AtRisk)]    // the target is inside the interval
    [InlineData(93.6, GoalStatus.AtRisk)]    // the high end reaches the target exactly
    [InlineData(93.7, GoalStatus.OffTrack)]  // even the high end is below the target
    public void During_the_period_the_interval_decides(double target, string expected) =>
        Assert.Equal(expected, Status((decimal)target, 40, 80, 55.2, 93.6, Last));

    [Theory]
    [InlineData(80.0, GoalStatus.Achieved)]
    [InlineData(80.1, GoalStatus.Missed)]
    public void After_the_period_the_observed_nps_decides(double target, string expected) =>
        Assert.Equal(expected, Status((decimal)target, 40, 80, 55.2, 93.6, Last.AddDays(1)));

    [Fact]
    public void Progress_projects_the_answers_to_the_end_of_the_period_and_compares_with_the_last_review()
    {
        var goal = new Goal { PeriodStart = First, PeriodEnd = Last, TargetNps = 20, MinResponses = 30 };
        var figure = new NpsFigure(80, 40, 36, 0, 4, 55.2, 93.6);
        var lastReview = new GoalReview { Kind = ReviewKinds.Scheduled, Status = GoalStatus.AtRisk, Nps = 62.5m, TargetNps = 20 };

        var progress = GoalProgressReader.Evaluate(goal, figure, lastReview, First.AddDays(9));

        Assert.Equal(GoalStatus.OnTrack, progress.Status);
        Assert.Equal(60, progress.Gap);
        Assert.Equal(17.5, progress.ChangeSinceLastReview);
        Assert.Equal(120, progress.ExpectedResponses); // 40 answers in 10 of 30 days
        Assert.Equal(20, progress.DaysLeft);
        Assert.Equal(new GoalProgress.Interval(55.2, 93.6), progress.Ci);
        // Before the period nothing can be projected; after it, the answers are final.
        Assert.Null(GoalProgressReader.Evaluate(goal, figure, null, First.AddDays(-3)).ExpectedResponses);
        Assert.Equal(40, GoalProgressReader.Evaluate(goal, figure, null, Last.AddDays(10)).ExpectedResponses);
        Assert.Equal(Last, GoalProgressReader.Evaluate(goal, figure, null, Last.AddDays(10)).AsOf);
    }
}
