using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Deliveries;

/// <summary>
/// The events NpsCloud sends, in the OpenAPI document's <c>webhooks</c> (OpenAPI 3.1): each payload's
/// schema from the same records the sender serializes, so the contract cannot drift from what arrives.
/// </summary>
internal static class WebhooksOpenApi
{
    private static readonly (string Type, Type Payload, string Summary)[] Events =
    [
        (WebhookEventTypes.ResponseCreated, typeof(WebhookPayload<ResponseCreatedData>), "A new answer, from the survey page or POST /responses"),
        (WebhookEventTypes.ResponseUpdated, typeof(WebhookPayload<ResponseUpdatedData>), "A person changed their answer"),
        (WebhookEventTypes.ResponseDeleted, typeof(WebhookPayload<ResponseDeletedData>), "An owner or admin deleted an answer (DELETE /responses/{id})"),
        (WebhookEventTypes.FollowUpCreated, typeof(WebhookPayload<FollowUpCreatedData>), "An unhappy answer opened a follow-up case"),
        (WebhookEventTypes.FollowUpStatusChanged, typeof(WebhookPayload<FollowUpStatusChangedData>), "A follow-up case changed status"),
        (WebhookEventTypes.GoalReviewed, typeof(WebhookPayload<GoalReviewedData>), "A department's NPS goal was reviewed"),
        (WebhookEventTypes.ContactUnsubscribed, typeof(WebhookPayload<ContactUnsubscribedData>), "A contact unsubscribed from survey emails"),
        (WebhookEventTypes.Test, typeof(WebhookPayload<WebhookTestData>), "A test event, sent only when asked for with POST /webhooks/{id}/test"),
    ];

    public static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, payload, summary) in Events)
        {
            var schema = await context.GetOrCreateSchemaAsync(payload, null, cancellationToken);
            document.Webhooks[type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "webhook" + string.Concat(type.Split('.', '_').Select(word => char.ToUpperInvariant(word[0]) + word[1..])),
                        Summary = summary,
                        Description = "Sent to each enabled endpoint subscribed to this event, signed per Standard Webhooks (see docs/webhooks.md). "
                                      + "Only a 2xx answer within 15 seconds is a success; anything else is retried with the same webhook-id.",
                        Parameters =
                        [
                            Header("webhook-id", "The message id, the same on every retry: deduplicate by it."),
                            Header("webhook-timestamp", "Unix seconds of this attempt: refuse one far from your clock."),
                            Header("webhook-signature", "v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">, space-separated when a rotated secret still signs too."),
                        ],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = "Received." },
                            ["410"] = new OpenApiResponse { Description = "Gone: NpsCloud disables the endpoint and sends it nothing more." },
                        },
                    },
                },
            };
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
