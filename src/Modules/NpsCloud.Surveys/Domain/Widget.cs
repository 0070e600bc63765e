using System.Security.Cryptography;
using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// A web widget: the survey's question asked on the company's own site through a script tag. Its id is
/// public (written in the page) and lets a visitor answer this one survey from the allowed origins, nothing
/// more (ADR 0031).
/// </summary>
internal sealed class Widget : ITenantOwned
{
    public const int MaxOrigins = 20;
    public const int MaxPathPatterns = 20;
    public const int MaxPerSurvey = 20;
    public const string DefaultInlineSelector = "[data-npscloud-inline]";

    public Guid TenantId { get; init; }

    /// <summary><c>wgt_</c> and 20 random letters and digits (119 bits): public, unguessable, never a key.</summary>
    public required string Id { get; init; }

    public Guid SurveyId { get; init; }

    /// <summary>Origins (<c>https://shop.example</c>) that may show the widget and send its answers.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public string Display { get; set; } = WidgetDisplays.Popup;

    /// <summary>Where an inline widget goes (a CSS selector); null for the default <c>[data-npscloud-inline]</c>.</summary>
    public string? InlineSelector { get; set; }

    /// <summary>Page paths the widget shows on: a prefix (<c>/checkout</c>) or a pattern with <c>*</c>; empty for every page.</summary>
    public List<string> PathPatterns { get; set; } = [];

    public int DelaySeconds { get; set; }
    public int SamplingPercent { get; set; } = 100;
    public int SnoozeDaysAfterAnswer { get; set; } = 90;
    public int SnoozeDaysAfterDismiss { get; set; } = 7;
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => "wgt_" + RandomNumberGenerator.GetString(Alphabet, 20);

    public static bool LooksLikeId(string? id) =>
        id is { Length: 24 } && id.StartsWith("wgt_", StringComparison.Ordinal) && id.AsSpan(4).IndexOfAnyExcept(Alphabet) < 0;
}

internal static class WidgetDisplays
{
    public const string Popup = "popup";
    public const string Inline = "inline";
    public static readonly string[] All = [Popup, Inline];
}
