using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace NpsCloud.Host;

/// <summary>
/// Builds an example for a JSON body from its schema, so every request and answer in the reference has
/// one: known property names (or <c>Schema.property</c> where a name means different things) get
/// realistic values (a Turkish company surveying its customers), other values follow their type and
/// format. Examples illustrate; the schema is the contract.
/// </summary>
internal sealed class OpenApiExamples(IDictionary<string, IOpenApiSchema> components)
{
    private const int MaxDepth = 6;

    private static readonly Dictionary<string, Func<JsonNode>> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = () => "ayse@kuzeykargo.example",
        ["name"] = () => "Ayşe Demir",
        ["DepartmentView.name"] = () => "Müşteri Hizmetleri",
        ["DepartmentsCreateBody.name"] = () => "Müşteri Hizmetleri",
        ["GroupFigures.name"] = () => "Müşteri Hizmetleri",
        ["departmentName"] = () => "Müşteri Hizmetleri",
        ["SurveyView.name"] = () => "Teslimat sonrası NPS",
        ["SurveyInput.name"] = () => "Teslimat sonrası NPS",
        ["ApiKeyView.name"] = () => "CRM sync",
        ["CreatedApiKey.name"] = () => "CRM sync",
        ["CreateApiKeyCommand.name"] = () => "CRM sync",
        ["TenantView.name"] = () => "Kuzey Kargo A.Ş.",
        ["CreatedApiKey.key"] = () => "nps_live_2ac3dcdca3ae41c9be228556d6d2c0c4_MRiGIS79JljHiZHP7-cr91La8Gb5hJqFx0QFdCCg_pM",
        ["GroupFigures.key"] = () => "019ab2f5-0a7e-7b21-8c4d-5f6e7a8b9c0d",
        ["author"] = () => "Ayşe Demir",
        ["groupBy"] = () => "department",
        ["companyName"] = () => "Kuzey Kargo A.Ş.",
        ["password"] = () => "a long passphrase",
        ["locale"] = () => "tr",
        ["timeZone"] = () => "Europe/Istanbul",
        ["score"] = () => 9,
        ["previousScore"] = () => 6,
        ["targetNps"] = () => 40,
        ["nps"] = () => 42.5,
        ["comment"] = () => "Kargo zamanında geldi, teşekkürler.",
        ["text"] = () => "Called the customer; the parcel was re-sent.",
        ["touchpoint"] = () => "delivery",
        ["category"] = () => "promoter",
        ["channel"] = () => "api",
        ["kind"] = () => "transactional",
        ["status"] = () => "active",
        ["role"] = () => "Admin",
        ["plan"] = () => "trial",
        ["cadence"] = () => "weekly",
        ["interval"] = () => "month",
        ["outcome"] = () => "resolved",
        ["url"] = () => "https://hooks.kuzeykargo.example/npscloud",
        ["logoUrl"] = () => "https://kuzeykargo.example/logo.png",
        ["brandColor"] = () => "#0b5cad",
        ["question"] = () => "Kuzey Kargo'yu bir arkadaşınıza önerme olasılığınız nedir?",
        ["apiKey"] = () => "nps_live_cfb497cfb3064450ab06f8b6cebac069_8tA8tnahce0xcJk3zKeAd18zB9Urm5ftstdGVrMbBKs",
        ["prefix"] = () => "nps_live_2ac3dcdc",
        ["scopes"] = () => new JsonArray("read", "write"),
        ["tags"] = () => new JsonArray("late delivery"),
        ["events"] = () => new JsonArray("response.created", "follow_up.created"),
        ["secret"] = () => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ["properties"] = () => new JsonObject { ["plan"] = "gold", ["orderId"] = "A-1042" },
        ["next"] = () => "-LKaASFKnnuMPS8eDZyLeg",
        ["cursor"] = () => "-LKaASFKnnuMPS8eDZyLeg",
        ["description"] = () => "CRM sync",
    };

    public void Fill(OpenApiMediaType media)
    {
        if (media.Example is not null || media.Schema is null) return;
        media.Example = Build(media.Schema, null, null, 0);
    }

    /// <param name="owner">The component the property belongs to, for the names that need it.</param>
    private JsonNode? Build(IOpenApiSchema schema, string? owner, string? property, int depth)
    {
        var id = (schema as OpenApiSchemaReference)?.Reference.Id;
        schema = Resolve(schema);
        if (schema.Examples is { Count: > 0 } given) return given[0]?.DeepClone();
        if (schema.Enum is { Count: > 0 } values) return values[0]?.DeepClone();
        if (property is not null && (ByName.TryGetValue($"{owner}.{property}", out var known) || ByName.TryGetValue(property, out known))) return known();
        if (schema.OneOf is { Count: > 0 } oneOf)
        {
            var notNull = oneOf.FirstOrDefault(option => Resolve(option).Type is not JsonSchemaType.Null);
            return notNull is null ? null : Build(notNull, owner, property, depth);
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : 0);
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var example = new JsonObject();
            if (depth >= MaxDepth) return example;
            foreach (var (name, child) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                example[name] = Build(child, id, name, depth + 1);
            }

            if (example.Count == 0 && schema.AdditionalProperties is { } valueSchema) example["key"] = Build(valueSchema, id, null, depth + 1);
            return example;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            return schema.Items is null || depth >= MaxDepth ? new JsonArray() : new JsonArray(Build(schema.Items, owner, Singular(property), depth + 1));
        }

        if (type.HasFlag(JsonSchemaType.Integer)) return ForName(property) ?? 1;
        if (type.HasFlag(JsonSchemaType.Number)) return ForName(property) ?? 12.5;
        if (type.HasFlag(JsonSchemaType.Boolean)) return false;
        if (type.HasFlag(JsonSchemaType.String))
        {
            return schema.Format switch
            {
                "uuid" => "019ab2f5-0a7e-7b21-8c4d-5f6e7a8b9c0d",
                "date-time" => "2026-11-23T09:00:00+00:00",
                "date" => "2026-11-23",
                "uri" => "https://kuzeykargo.example",
                _ when property is not null && property.EndsWith("Id", StringComparison.Ordinal) => "019ab2f5-0a7e-7b21-8c4d-5f6e7a8b9c0d",
                _ when property is not null && property.EndsWith("At", StringComparison.Ordinal) => "2026-11-23T09:00:00+00:00",
                _ => "text",
            };
        }

        return null;
    }

    /// <summary>Counts and percentages read better than 1 and 12.5 where the name says what they are.</summary>
    private static JsonNode? ForName(string? property) => property switch
    {
        null => null,
        _ when property.Contains("Percent", StringComparison.OrdinalIgnoreCase) || property.EndsWith("Rate", StringComparison.Ordinal) => 62.5,
        _ when property.Contains("Days", StringComparison.Ordinal) => 14,
        _ when property.Contains("Hours", StringComparison.Ordinal) => 48,
        _ => null,
    };

    private static string? Singular(string? property) => property switch
    {
        "emails" => "email",
        "contactIds" => "contactId",
        "departmentIds" => "departmentId",
        _ => null,
    };

    private IOpenApiSchema Resolve(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference { Reference.Id: { } id } && components.TryGetValue(id, out var target) ? target : schema;
}
