using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.UnitTests.FollowUps;

/// <summary>A case has at most one alert and one update, whatever order the comment and the grace period come in.</summary>
public sealed class CaseAlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static FollowUpCase Waiting() => new()
    {
        Kind = CaseKinds.CloseTheLoop,
        Status = FollowUpStatuses.Open,
        OpenedAt = Now,
        DueAt = Now.AddHours(48),
        AlertDueAt = Now.AddMinutes(3),
    };

    [Fact]
    public void A_comment_within_the_grace_period_sends_the_only_alert()
    {
        var followUp = Waiting();

        var alert = followUp.AlertNow(withComment: true, Now.AddMinutes(1));

        Assert.False(alert!.IsUpdate);
        Assert.Null(followUp.AlertDueAt);
        Assert.Null(followUp.AlertNow(withComment: false, Now.AddMinutes(3))); // the grace period passing sends nothing more
        Assert.Null(followUp.AlertNow(withComment: true, Now.AddMinutes(4))); // nor a changed comment
    }

    [Fact]
    public void An_alert_without_the_comment_is_followed_by_one_update_when_it_arrives_and_never_more()
    {
        var followUp = Waiting();

        Assert.False(followUp.AlertNow(withComment: false, Now.AddMinutes(3))!.IsUpdate);
        Assert.Null(followUp.AlertNow(withComment: false, Now.AddMinutes(4)));
        Assert.True(followUp.AlertNow(withComment: true, Now.AddMinutes(5))!.IsUpdate);
        Assert.Null(followUp.AlertNow(withComment: true, Now.AddMinutes(6)));
    }

    [Theory]
    [InlineData(FollowUpStatuses.Resolved)]
    [InlineData(FollowUpStatuses.Closed)]
    public void A_finished_case_sends_no_alert(string status)
    {
        var followUp = Waiting();
        followUp.Status = status;

        Assert.Null(followUp.AlertNow(withComment: true, Now.AddMinutes(1)));
    }
}
