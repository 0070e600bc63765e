using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NpsCloud.Host;

/// <summary>
/// What every operation of the OpenAPI document has without each endpoint repeating it: an operationId,
/// the errors every call can get (as problem+json with an example), one <c>Problem</c> schema, honest
/// number types, and an example for every JSON body built from the schema.
/// </summary>
internal static class OpenApiContract
{
    private const string ProblemSchema = "Problem";

    public static void AddContract(OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = SchemaId;
        options.AddSchemaTransformer((schema, _, _) =>
        {
            StrictNumbers(schema);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var description = context.Description;
            await DescribePatchBody(operation, context, cancellationToken);
            operation.OperationId ??= OperationId(description.HttpMethod!, description.RelativePath!);
            // OpenApiSecurity, registered before, has put the key requirement on every operation that needs one.
            var secured = operation.Security is { Count: > 0 };
            var takesInput = operation.RequestBody is not null || operation.Parameters?.Any(p => p.In is ParameterLocation.Query) == true;
            operation.Responses ??= new OpenApiResponses();
            if (takesInput) operation.Responses.TryAdd("400", new OpenApiResponse { Description = "The request is not valid: `errors` names each field." });
            if (secured)
            {
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid API key." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's scopes do not allow this call." });
            }

            if (description.RelativePath!.Contains('{')) operation.Responses.TryAdd("404", new OpenApiResponse { Description = "Not found for your company (another company's id too)." });
            operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests: retry after `Retry-After` seconds." });
            operation.Responses.TryAdd("500", new OpenApiResponse { Description = "An unexpected error; quote the `traceId`." });
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, header) in Headers) document.Components.Headers[name] = header;
            var examples = new OpenApiExamples(document.Components.Schemas);
            foreach (var @event in document.Webhooks?.Values.SelectMany(item => item.Operations?.Values.AsEnumerable() ?? []) ?? [])
            {
                foreach (var media in @event.RequestBody?.Content?.Values ?? []) examples.Fill(media);
            }

            foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
            {
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) examples.Fill(media);
                var paged = operation.Parameters?.Any(p => p is { In: ParameterLocation.Query, Name: "cursor" }) == true;
                foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
                {
                    if (status[0] is '4' or '5') DescribeProblem((OpenApiResponse)response, int.Parse(status), document);
                    else foreach (var media in response.Content?.Values ?? []) examples.Fill(media);
                    var headers = new List<string>();
                    if (operation.Security is { Count: > 0 } && status[0] is '2' || status == "429") headers.AddRange(RateLimitHeaders);
                    if (paged && status[0] is '2') headers.Add("Link");
                    if (headers.Count == 0 || response is not OpenApiResponse described) continue;
                    described.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    foreach (var name in headers) described.Headers.TryAdd(name, new OpenApiHeaderReference(name, document));
                }
            }

            // The framework's own problem schemas are replaced by ours above.
            document.Components.Schemas.Remove("ProblemDetails");
            document.Components.Schemas.Remove("HttpValidationProblemDetails");
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A PATCH reads its body as raw JSON (to tell an absent field from a null one); its
    /// <c>.Accepts&lt;T&gt;</c> names the fields it takes, which is what the document should show.
    /// </summary>
    private static async Task DescribePatchBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var accepts = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
            .LastOrDefault(metadata => metadata.RequestType is { } type && type != typeof(JsonElement));
        if (accepts is null || operation.RequestBody?.Content is not { } content) return;
        var schema = await context.GetOrCreateSchemaAsync(accepts.RequestType!, null, cancellationToken);
        foreach (var media in content.Values.Where(media => media.Schema is OpenApiSchemaReference { Reference.Id: "JsonElement" }))
        {
            media.Schema = schema;
        }
    }

    /// <summary>
    /// Nested types (SignUp.Command, UpdateSettings.Command) would otherwise all be "Command": they are
    /// named after their feature (SignUpCommand), or their module's endpoints (DepartmentsCreateBody).
    /// </summary>
    private static string? SchemaId(JsonTypeInfo type)
    {
        if (!type.Type.IsNested || type.Type.IsGenericType) return OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        var feature = type.Type.DeclaringType!.Name;
        if (feature.EndsWith("Endpoints", StringComparison.Ordinal)) feature = feature[..^"Endpoints".Length];
        return type.Type.Name.StartsWith(feature, StringComparison.Ordinal) ? type.Type.Name : feature + type.Type.Name;
    }

    /// <summary><c>get</c> + <c>/api/v1/goals/{id}/reviews</c> → <c>getGoalsByIdReviews</c>: stable and unique.</summary>
    public static string OperationId(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(segment => segment is not "api" and not "v1")
            .Select(segment => segment.StartsWith('{') ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0]) : Pascal(segment));
        return method.ToLowerInvariant() + string.Concat(words);

        static string Pascal(string segment) =>
            string.Concat(segment.Split('-').Select(word => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
    }

    /// <summary>
    /// The API reads numbers sent as strings too (the web defaults), which the generator writes as
    /// "integer or string with a pattern"; the contract states the type we answer and expect.
    /// </summary>
    private static void StrictNumbers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.String)) return;
        if (!type.HasFlag(JsonSchemaType.Integer) && !type.HasFlag(JsonSchemaType.Number)) return;
        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null;
    }

    private static readonly string[] RateLimitHeaders = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"];

    /// <summary>The headers answers carry: the key's rate limit on every keyed answer, the next page's address on a list.</summary>
    private static readonly Dictionary<string, OpenApiHeader> Headers = new()
    {
        ["RateLimit-Limit"] = Header("Calls this API key may make in the current one-minute window.", JsonSchemaType.Integer),
        ["RateLimit-Remaining"] = Header("Calls left in the current window.", JsonSchemaType.Integer),
        ["RateLimit-Reset"] = Header("Seconds until the window ends.", JsonSchemaType.Integer),
        ["RateLimit-Policy"] = Header("The limit and its window in seconds, for example 600;w=60.", JsonSchemaType.String),
        ["Link"] = Header("The next page: <…&cursor=…>; rel=\"next\" (RFC 8288); absent on the last page.", JsonSchemaType.String),
    };

    private static OpenApiHeader Header(string description, JsonSchemaType type) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. NpsCloud's own refusals carry `code` and a `type` of `urn:npscloud:problem:<code>`.",
        Required = new HashSet<string> { "status", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A stable code from the table in docs/api.md (Errors)." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Per field (camelCase, nested with dots): the messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    private static void DescribeProblem(OpenApiResponse response, int status, OpenApiDocument document)
    {
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        response.Content.Clear();
        response.Content["application/problem+json"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(ProblemSchema, document),
            Example = ProblemExample(status),
        };
        if (status == 429)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd("Retry-After", new OpenApiHeader
            {
                Description = "Seconds to wait before the next call.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            });
        }
    }

    private static JsonNode ProblemExample(int status)
    {
        var (code, title, detail) = status switch
        {
            400 => (null, "The request is not valid.", "See errors for each field."),
            401 => ("unauthorized", "Unauthorized", "Send a valid API key: Authorization: Bearer nps_live_…"),
            402 => ("trial_expired", "The trial has ended", "The 14-day trial ended on 2026-12-07. Your data is kept and can be read; to make changes, ask us to activate your account."),
            403 => ("insufficient_scope", "Insufficient scope", "This call needs a key with the write scope."),
            404 => ("not_found", "Not found", "The survey was not found."),
            409 => ("conflict", "Conflict", "A department with this name exists."),
            415 => ("unsupported_media_type", "Unsupported media type", "Send the file as text/csv or application/x-ndjson."),
            422 => ("idempotency_key_reused", "Idempotency key reused", "This Idempotency-Key was used with a different request; use a new key for a new request."),
            429 => ("rate_limited", "Too many requests", "Retry after 12 seconds."),
            503 => ("mail_unavailable", "Mail unavailable", "The email could not be sent; nothing was saved. Try again."),
            _ => ((string?)null, "An unexpected error occurred.", (string?)null),
        };
        var example = new JsonObject
        {
            ["type"] = code is null ? $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{(status >= 500 ? status - 499 : status - 399)}" : $"urn:npscloud:problem:{code}",
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null) example["detail"] = detail;
        if (code is not null) example["code"] = code;
        if (status == 400) example["errors"] = new JsonObject { ["email"] = new JsonArray("Enter a valid email address.") };
        example["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736";
        return example;
    }
}
