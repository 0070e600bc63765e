using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// A survey's invitation sent to a team member to try it ("send a test to me"). Kept apart from
/// <see cref="Invitation"/> so that nothing that counts invitations (stats, quota, throttle, the response
/// rate) can see it; its answer stays here too and never becomes a response.
/// </summary>
internal sealed class TestSend : ITenantOwned
{
    /// <summary>Test sends a survey may have per day (counted over the last 24 hours).</summary>
    public const int DailyLimit = 20;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    /// <summary>The signed-in person who asked for it; null when an API key did.</summary>
    public Guid? UserId { get; init; }
    public required string Email { get; init; }
    public string? Name { get; init; }
    public required string Locale { get; init; }
    /// <summary>SHA-256 of the link token; the token itself is only in the email.</summary>
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int? AnsweredScore { get; set; }
    public string? AnsweredComment { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}
