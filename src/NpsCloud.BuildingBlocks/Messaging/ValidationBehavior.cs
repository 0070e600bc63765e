using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// Validates every request once, before its handler; a failure becomes a 400 problem naming each field.
/// Every request's strings are first checked for control characters (<see cref="ControlCharacters"/>),
/// whatever its validators say.
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, IStringLocalizer<BuildingBlocksText> text)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = ControlCharacters.FindFields(request)
            .Select(v => new ValidationFailure(v.Field, text[v.MultiLine ? "Validation.ControlCharactersMultiLine" : "Validation.ControlCharacters"]))
            .ToList();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        return await next();
    }
}

/// <summary>Bad input: turned into a 400 problem+json whose <c>errors</c> name each field in camelCase.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IEnumerable<ValidationFailure> failures)
        : this(failures.GroupBy(f => FieldName(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()))
    {
    }

    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))) =>
        Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>"Contacts[0].EmailAddress" becomes "contacts[0].emailAddress", as the JSON body spells it.</summary>
    public static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
