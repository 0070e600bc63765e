using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.UnitTests.FollowUps;

public sealed class CaseTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static FollowUpCase Case(string status, DateTimeOffset? contactedAt = null, DateTimeOffset? escalatedAt = null) => new()
    {
        Kind = CaseKinds.CloseTheLoop,
        Status = status,
        OpenedAt = Now.AddHours(-50),
        DueAt = Now.AddHours(-2),
        FirstContactedAt = contactedAt,
        EscalatedAt = escalatedAt,
    };

    [Theory]
    [InlineData("open", "contacted", "contacted")]
    [InlineData("escalated", "contacted", "contacted")]
    [InlineData("open", "resolved", "resolved")]
    [InlineData("escalated", "resolved", "resolved")]
    [InlineData("contacted", "resolved", "resolved")]
    [InlineData("open", "closed", "closed")]
    [InlineData("contacted", "closed", "closed")]
    [InlineData("resolved", "closed", "closed")]
    public void Allowed_changes_lead_to_their_status(string from, string requested, string to) =>
        Assert.Equal(to, CaseTransitions.Next(Case(from), requested));

    [Theory]
    [InlineData("contacted", "contacted")]
    [InlineData("resolved", "contacted")]
    [InlineData("closed", "contacted")]
    [InlineData("resolved", "resolved")]
    [InlineData("closed", "resolved")]
    [InlineData("closed", "closed")]
    [InlineData("open", "reopened")]
    [InlineData("escalated", "reopened")]
    [InlineData("contacted", "reopened")]
    public void Changes_the_status_does_not_allow_are_conflicts(string from, string requested) =>
        Assert.Throws<ConflictException>(() => CaseTransitions.Next(Case(from), requested));

    [Theory]
    [InlineData("escalated")]
    [InlineData("open")]
    [InlineData("pending")]
    public void Only_people_s_changes_can_be_asked_for_escalation_is_the_jobs(string requested)
    {
        var refused = Assert.Throws<RequestValidationException>(() => CaseTransitions.Next(Case("open"), requested));
        Assert.Contains("status", refused.Errors.Keys);
    }

    [Fact]
    public void Reopening_returns_a_case_to_where_it_stood_so_an_escalated_case_is_never_escalated_again()
    {
        Assert.Equal("contacted", CaseTransitions.Next(Case("resolved", contactedAt: Now.AddHours(-1)), "reopened"));
        Assert.Equal("escalated", CaseTransitions.Next(Case("closed", escalatedAt: Now.AddHours(-1)), "reopened"));
        Assert.Equal("open", CaseTransitions.Next(Case("closed"), "reopened"));
    }

    [Fact]
    public void Resolving_counts_as_the_first_contact_and_keeps_the_outcome_and_reopening_clears_it()
    {
        var followUp = Case("escalated", escalatedAt: Now.AddHours(-1));

        var previous = followUp.ChangeStatus("resolved", "Refunded.", Now);

        Assert.Equal("escalated", previous);
        Assert.Equal(Now, followUp.FirstContactedAt);
        Assert.Equal(Now, followUp.ResolvedAt);
        Assert.Equal("Refunded.", followUp.Outcome);
        followUp.ChangeStatus("reopened", null, Now.AddHours(1));
        Assert.Equal("contacted", followUp.Status);
        Assert.Null(followUp.ResolvedAt);
        Assert.Null(followUp.Outcome);
    }

    [Fact]
    public void A_case_is_overdue_only_while_nobody_contacted_the_person_after_the_due_time()
    {
        Assert.True(Case("open").IsOverdueAt(Now));
        Assert.True(Case("escalated").IsOverdueAt(Now));
        Assert.False(Case("open").IsOverdueAt(Now.AddHours(-3)));
        Assert.False(Case("contacted", contactedAt: Now.AddHours(-1)).IsOverdueAt(Now));
        Assert.False(Case("closed").IsOverdueAt(Now));
    }

    [Fact]
    public void The_buttons_offered_are_exactly_the_allowed_changes()
    {
        Assert.Equal(["contacted", "resolved", "closed"], CaseTransitions.AllowedFrom(Case("open")));
        Assert.Equal(["closed", "reopened"], CaseTransitions.AllowedFrom(Case("resolved")));
        Assert.Equal(["reopened"], CaseTransitions.AllowedFrom(Case("closed")));
    }
}
