using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Responses;

namespace NpsCloud.Responses.Domain;

/// <summary>One person's 0..10 answer, with the comment they added: the most valuable row in the system.</summary>
internal sealed class Response : ITenantOwned, IDepartmentOwned
{
    Guid? IDepartmentOwned.OwningDepartmentId => DepartmentId;

    public const int MaxCommentLength = 5000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    public Guid? InvitationId { get; init; }
    public Guid? ContactId { get; set; }
    public Guid? DepartmentId { get; init; }
    public string? Touchpoint { get; init; }
    public required string Channel { get; init; }
    public int Score { get; set; }

    /// <summary>Computed by the database from the score (a stored generated column), so it can never disagree with it.</summary>
    public string Category { get; private set; } = null!;

    public string? Comment { get; set; }
    public string? Locale { get; init; }
    public string Properties { get; set; } = "{}";
    public List<string> Tags { get; set; } = [];
    public int Revision { get; set; } = 1;
    public Guid? ImportId { get; init; }
    public DateTimeOffset RespondedAt { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The comment's words in English and Turkish (a stored generated column), for full-text search.</summary>
    public NpgsqlTsVector Search { get; private set; } = null!;

    public ResponseRecorded Recorded(DateTimeOffset now) => new(
        Guid.CreateVersion7(now), TenantId, now, Id, SurveyId, InvitationId, ContactId, DepartmentId, Touchpoint, Channel,
        Score, NpsCategories.Of(Score), !string.IsNullOrWhiteSpace(Comment), RespondedAt);

    public ResponseUpdated Updated(int previousScore, string? previousComment, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), TenantId, now, Id, SurveyId, InvitationId, ContactId, DepartmentId, Touchpoint, Channel,
        Score, NpsCategories.Of(Score), previousScore, !string.IsNullOrWhiteSpace(Comment), Revision, RespondedAt, Comment != previousComment);
}

/// <summary>An internal note the team keeps on a response (never shown to the respondent).</summary>
internal sealed class ResponseNote : ITenantOwned
{
    public const int MaxLength = 4000;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid ResponseId { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
