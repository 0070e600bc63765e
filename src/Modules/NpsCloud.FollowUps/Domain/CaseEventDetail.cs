using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.FollowUps.Domain;

/// <summary>
/// What a reply, a call or a move keeps beyond the history entry's own columns (migration 0030): one row
/// per such <see cref="CaseEvent"/>, written in the same transaction.
/// </summary>
internal sealed class CaseEventDetail : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid EventId { get; init; }

    /// <summary>A reply's subject line and the address it went to.</summary>
    public string? Subject { get; init; }
    public string? Recipient { get; init; }

    /// <summary>A call's outcome (<see cref="CallOutcomes"/>).</summary>
    public string? CallOutcome { get; init; }

    /// <summary>The departments a move went from and to.</summary>
    public Guid? FromDepartmentId { get; init; }
    public Guid? ToDepartmentId { get; init; }
}

/// <summary>How a logged call went; only a call that reached the person counts as the first contact.</summary>
internal static class CallOutcomes
{
    public const string Reached = "reached";
    public const string NoAnswer = "no_answer";
    public const string LeftMessage = "left_message";

    public static readonly string[] All = [Reached, NoAnswer, LeftMessage];
}
