using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host;

/// <summary>
/// The API-key scheme in the OpenAPI document (so the reference at /docs can send a key), required on
/// every operation that is not anonymous.
/// </summary>
internal static class OpenApiSecurity
{
    public static void AddApiKeyScheme(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiAuthorization.Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "nps_live_<id>_<secret>",
                Description = "An API key: Authorization: Bearer nps_live_…. Scopes read, write and admin.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()) return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiAuthorization.Scheme, context.Document)] = [],
            });
            return Task.CompletedTask;
        });
    }
}
