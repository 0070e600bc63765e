using System.Text.Json;
using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// A named, saved set of conditions over the company's contacts: every filter must hold (a property equal
/// to one of its values) and the contact must have been created inside the optional window. Evaluated in
/// SQL whenever it is used (<see cref="MatchSql"/>), so a relationship survey re-reads it at every wave.
/// </summary>
internal sealed class Segment : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Name { get; set; }

    /// <summary>JSON: <c>[{"property": "city", "values": ["İzmir"]}]</c>.</summary>
    public string Filters { get; set; } = "[]";

    public DateTimeOffset? CreatedAfter { get; set; }
    public DateTimeOffset? CreatedBefore { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxFilters = 10;
    public const int MaxValues = 100;
    public const int MaxNameLength = 100;

    public sealed record Filter(string Property, string[] Values);

    public IReadOnlyList<Filter> ReadFilters() => JsonSerializer.Deserialize<List<Filter>>(Filters, Json) ?? [];

    public void WriteFilters(IEnumerable<Filter> filters) =>
        Filters = JsonSerializer.Serialize(filters.Select(f => new Filter(f.Property.Trim(), f.Values.Select(v => v.Trim()).Distinct().ToArray())).ToList(), Json);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Text as segments compare it: trimmed, the Turkish capitals and dotless/dotted i folded together
    /// (İ, I, ı and i are one letter here, so "IZMIR", "İzmir" and "izmir" match), then lower-cased. The
    /// letters are translated explicitly because <c>lower()</c> under a C collation folds ASCII only.
    /// </summary>
    public static string FoldSql(string expression) =>
        $"lower(translate(btrim({expression}), 'ÇĞİIÖŞÜÂÎÛı\u0307', 'çğiiöşüâîûi'))";

    /// <summary>
    /// A condition on a segment row <c>g</c> and a contact row <c>c</c>: true when the contact matches.
    /// Property names compare case-insensitively (a CSV header "City" is the filter "city").
    /// </summary>
    public static readonly string MatchSql = $"""
        (g.created_after is null or c.created_at >= g.created_after)
        and (g.created_before is null or c.created_at < g.created_before)
        and not exists (
            select from jsonb_array_elements(g.filters) f
             where not exists (
                   select from jsonb_each_text(c.properties) p, jsonb_array_elements_text(f -> 'values') v
                    where lower(p.key) = lower(f ->> 'property') and {FoldSql("p.value")} = {FoldSql("v")}))
        """;
}
