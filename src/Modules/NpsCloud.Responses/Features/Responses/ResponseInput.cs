using System.Text.Json;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// The body of <c>POST /responses</c> (the OpenAPI schema <c>ResponseInput</c>), sent on as a
/// <see cref="RecordResponse.Command"/>, which validates it. The person is named by <c>email</c> (a new
/// address becomes a contact) or <c>contactId</c>.
/// </summary>
internal sealed record ResponseInput(
    Guid? SurveyId,
    string? Email,
    Guid? ContactId,
    int? Score,
    [MultiLine] string? Comment = null,
    DateTimeOffset? CreatedAt = null,
    Guid? DepartmentId = null,
    string? Touchpoint = null,
    JsonElement? Properties = null);
