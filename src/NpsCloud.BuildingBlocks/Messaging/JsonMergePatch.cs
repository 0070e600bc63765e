using System.Text.Json;
using System.Text.Json.Nodes;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// PATCH bodies with JSON Merge Patch semantics (RFC 7396): present fields replace, <c>null</c> clears,
/// absent fields stay, objects merge recursively. The merged document is then read as the whole input
/// and validated like a create.
/// </summary>
public static class JsonMergePatch
{
    public static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target[name] = null;
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }

        return target;
    }

    /// <summary>The current state of something as the JSON object a patch applies to.</summary>
    public static JsonObject From<T>(T current) => JsonSerializer.SerializeToNode(current, JsonSerializerOptions.Web)!.AsObject();

    /// <summary>A merged document as the input type; a value of the wrong type is a 400 naming its field.</summary>
    public static T As<T>(this JsonObject merged)
    {
        try
        {
            return merged.Deserialize<T>(JsonSerializerOptions.Web) ?? throw new RequestValidationException("body", "Send a JSON object.");
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'),
                "This value has the wrong type or format.");
        }
    }
}
