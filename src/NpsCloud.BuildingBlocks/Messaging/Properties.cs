using System.Text.Json;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// The free-form <c>properties</c> that contacts, requests and responses carry: a flat JSON object of at
/// most <see cref="MaxCount"/> string, number or true/false values (what segments and reports key on).
/// </summary>
public static class Properties
{
    public const int MaxCount = 50;
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    /// <summary>Absent or null is allowed; anything else must be a flat object within the limits.</summary>
    public static bool AreValid(JsonElement? properties) =>
        properties is null or { ValueKind: JsonValueKind.Null }
        || properties.Value.ValueKind == JsonValueKind.Object
        && properties.Value.EnumerateObject().Count() <= MaxCount
        && properties.Value.EnumerateObject().All(p => p.Name.Length <= MaxNameLength
            && p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null
            && (p.Value.ValueKind != JsonValueKind.String || p.Value.GetString()!.Length <= MaxTextLength));
}
