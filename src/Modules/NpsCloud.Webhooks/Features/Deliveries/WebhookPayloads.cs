using System.Text.Json;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>The body of every webhook: <c>{type, timestamp, data}</c>, where <c>timestamp</c> is when the event happened (UTC).</summary>
internal sealed record WebhookPayload<TData>(string Type, DateTimeOffset Timestamp, TData Data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The body as stored and sent, byte for byte on every attempt.</summary>
    public static string Serialize(string type, DateTimeOffset timestamp, TData data) =>
        JsonSerializer.Serialize(new WebhookPayload<TData>(type, timestamp.ToUniversalTime(), data), Json);
}

/// <summary>A new answer, from the survey page or <c>POST /responses</c> (a bulk import sends none).</summary>
internal sealed record ResponseCreatedData(
    Guid ResponseId, Guid SurveyId, Guid? InvitationId, Guid? ContactId, Guid? DepartmentId, string? Touchpoint, string Channel, int Score,
    string Category, bool HasComment, DateTimeOffset RespondedAt);

/// <summary>
/// The person changed their answer (an emailed score's comment usually arrives this way, a minute after the
/// score); <c>revision</c> counts its versions, so an older update can be ignored, and <c>commentChanged</c>
/// says whether the comment was added, changed or removed.
/// </summary>
internal sealed record ResponseUpdatedData(
    Guid ResponseId, Guid SurveyId, Guid? InvitationId, Guid? ContactId, Guid? DepartmentId, string? Touchpoint, string Channel, int Score,
    string Category, int PreviousScore, bool HasComment, int Revision, DateTimeOffset RespondedAt, bool CommentChanged);

/// <summary>An unhappy answer opened a follow-up case; <c>kind</c> is <c>close_the_loop</c> or <c>ask_for_feedback</c>.</summary>
internal sealed record FollowUpCreatedData(
    Guid CaseId, Guid ResponseId, Guid SurveyId, Guid? ContactId, Guid? DepartmentId, string Kind, int Score, Guid? AssigneeUserId, DateTimeOffset DueAt);

/// <summary>A case changed status (<c>open</c>, <c>escalated</c>, <c>contacted</c>, <c>resolved</c>, <c>closed</c>); <c>actorUserId</c> is null for the system or an API key.</summary>
internal sealed record FollowUpStatusChangedData(
    Guid CaseId, Guid ResponseId, Guid? DepartmentId, string PreviousStatus, string Status, string? Outcome, Guid? ActorUserId);

/// <summary>A goal was reviewed (<c>kind</c>: <c>scheduled</c>, <c>final</c> or <c>manual</c>), with its status then and at the previous review.</summary>
internal sealed record GoalReviewedData(
    Guid GoalId, Guid DepartmentId, Guid ReviewId, string Kind, string Status, string? PreviousStatus, decimal? Nps, long Responses, decimal TargetNps);

/// <summary>A test event asked for with <c>POST /webhooks/{id}/test</c>: nothing happened, the receiver is being checked.</summary>
internal sealed record WebhookTestData(Guid WebhookId);

/// <summary>A contact unsubscribed, by the link in an email (<c>link</c>) or through the API (<c>api</c>).</summary>
internal sealed record ContactUnsubscribedData(Guid ContactId, string Source, DateTimeOffset UnsubscribedAt);
