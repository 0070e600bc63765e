using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host;

/// <summary>The <c>Idempotency-Key</c> header on every operation that honours it, in the OpenAPI document.</summary>
internal static class OpenApiIdempotency
{
    public static void AddIdempotencyKeyHeader(OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any()) return Task.CompletedTask;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique string (a UUID): a retry with the same key and body gets the first answer again (Idempotent-Replayed: true) "
                              + "for 24 hours; the same key with another body is 422; while the first is still running, 409.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
            return Task.CompletedTask;
        });
}
