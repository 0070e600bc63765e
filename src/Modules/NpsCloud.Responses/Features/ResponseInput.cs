using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using NpsCloud.BuildingBlocks.Messaging;
using Microsoft.Extensions.Localization;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features;

/// <summary>
/// A response collected elsewhere, as the import API takes it: one in <c>POST /responses</c>, or one row of a
/// bulk import. The person is named by <c>email</c> (a new address becomes a contact) or <c>contactId</c>.
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
    JsonElement? Properties = null) : IRequest<ResponseView>, ITenantWrite
{
    public sealed class Validator : AbstractValidator<ResponseInput>
    {
        /// <summary>Clocks drift: an answer "from the future" is accepted up to this far ahead.</summary>
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Validator(IStringLocalizer<ResponsesText> text, TimeProvider clock)
        {
            RuleFor(r => r.SurveyId).NotNull().WithMessage(_ => text["Validation.SurveyRequired"]);
            RuleFor(r => r.Email).NotEmpty().WithMessage(_ => text["Validation.PersonRequired"]).When(r => r.ContactId is null);
            RuleFor(r => r.Email).Empty().WithMessage(_ => text["Validation.EmailOrContact"]).When(r => r.ContactId is not null);
            RuleFor(r => r.Email!).MaximumLength(254).WithMessage(_ => text["Validation.TooLong", 254])
                .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]).When(r => !string.IsNullOrEmpty(r.Email));
            RuleFor(r => r.Score).NotNull().WithMessage(_ => text["Validation.ScoreRequired"])
                .InclusiveBetween(0, 10).WithMessage(_ => text["Validation.Score"]);
            RuleFor(r => r.Comment).MaximumLength(Response.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", Response.MaxCommentLength]);
            RuleFor(r => r.CreatedAt)
                .Must(at => at is null || (at >= Earliest && at <= clock.GetUtcNow() + ClockSkew))
                .WithMessage(_ => text["Validation.CreatedAt"]);
            RuleFor(r => r.Touchpoint).MaximumLength(100).WithMessage(_ => text["Validation.TooLong", 100]);
            RuleFor(r => r.Properties).Must(BuildingBlocks.Messaging.Properties.AreValid)
                .WithMessage(_ => text["Validation.Properties", BuildingBlocks.Messaging.Properties.MaxCount]);
        }
    }

    /// <summary>The properties as stored: a JSON object, <c>{}</c> when none.</summary>
    [JsonIgnore]
    public string PropertiesJson => Properties is { ValueKind: JsonValueKind.Object } properties ? properties.GetRawText() : "{}";

    [JsonIgnore]
    public string? TrimmedComment => string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim();

    [JsonIgnore]
    public string? TrimmedTouchpoint => string.IsNullOrWhiteSpace(Touchpoint) ? null : Touchpoint.Trim();
}
