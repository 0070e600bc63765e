using FluentValidation;
using Microsoft.Extensions.Localization;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The rules every form and request that sets a person's details or password shares.</summary>
internal static class AccountsRules
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public static readonly string[] Locales = ["en", "tr"];

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<TenantsText> text) =>
        rule.NotEmpty().WithMessage(_ => text["Validation.EmailRequired"])
            .MaximumLength(254).WithMessage(_ => text["Validation.EmailTooLong"])
            .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]);

    public static IRuleBuilderOptions<T, string> ValidPersonName<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<TenantsText> text) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.NameRequired"])
            .MaximumLength(200).WithMessage(_ => text["Validation.NameTooLong"]);

    /// <summary>
    /// 10 to 128 characters, no composition rules (NIST 800-63B), not one of the obvious words, and not on
    /// the list of common and breached passwords.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ValidPassword<T>(
        this IRuleBuilder<T, string> rule, IStringLocalizer<TenantsText> text, params Func<T, string?>[] notEqualTo) =>
        rule.NotEmpty().WithMessage(_ => text["Validation.PasswordRequired"])
            .Length(MinPasswordLength, MaxPasswordLength).WithMessage(_ => text["Validation.PasswordLength", MinPasswordLength, MaxPasswordLength])
            .Must((request, password) => notEqualTo.All(other => !string.Equals(password?.Trim(), other(request)?.Trim(), StringComparison.OrdinalIgnoreCase)))
            .WithMessage(_ => text["Validation.PasswordObvious"])
            .Must(password => !CommonPasswords.Contains(password)).WithMessage(_ => text["Validation.PasswordCommon"]);

    public static IRuleBuilderOptions<T, string> ValidLocale<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<TenantsText> text) =>
        rule.Must(locale => Locales.Contains(locale)).WithMessage(_ => text["Validation.Locale"]);

    public static IRuleBuilderOptions<T, string?> ValidTimeZone<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<TenantsText> text) =>
        rule.Must(zone => zone is null || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)).WithMessage(_ => text["Validation.TimeZone"]);

    /// <summary>The zone a new tenant gets when it names none: Turkey for Turkish, UTC otherwise.</summary>
    public static string DefaultTimeZone(string locale) => locale == "tr" ? "Europe/Istanbul" : "UTC";
}
