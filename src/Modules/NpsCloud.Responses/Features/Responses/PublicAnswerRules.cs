using FluentValidation;
using Microsoft.Extensions.Localization;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>An answer a visitor gives without an invitation (the web widget, an open link).</summary>
internal interface IPublicAnswer
{
    int? Score { get; }
    string? Comment { get; }
    string? Email { get; }
    string? Name { get; }
}

/// <summary>The checks every public answer passes: a 0..10 score, and the comment, email and name within their limits.</summary>
internal abstract class PublicAnswerValidator<T> : AbstractValidator<T> where T : IPublicAnswer
{
    protected PublicAnswerValidator(IStringLocalizer<ResponsesText> text)
    {
        RuleFor(r => r.Score).NotNull().WithMessage(_ => text["Validation.ScoreRequired"])
            .InclusiveBetween(0, 10).WithMessage(_ => text["Validation.Score"]);
        RuleFor(r => r.Comment).MaximumLength(Response.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", Response.MaxCommentLength]);
        RuleFor(r => r.Email!).MaximumLength(254).WithMessage(_ => text["Validation.TooLong", 254])
            .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]).When(r => !string.IsNullOrWhiteSpace(r.Email));
        RuleFor(r => r.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
    }
}
