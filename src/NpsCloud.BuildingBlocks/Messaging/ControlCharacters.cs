using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// Marks a request property whose text may span lines (a comment, a note): it may hold line breaks and
/// tabs. Every other string of a request is single-line. Either way NUL and the other control
/// characters are refused (PostgreSQL cannot store NUL, and a line break in a name or subject breaks
/// every email that carries it).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute : Attribute;

/// <summary>
/// Finds the strings of a request that hold control characters, by walking every public property of
/// the request, recursively into its own records, lists and JSON values. Fail-closed: a new property is
/// checked as single-line unless it is marked <see cref="MultiLineAttribute"/>. The validation behaviour
/// runs it on every MediatR request; imports run it on each row.
/// </summary>
public static class ControlCharacters
{
    private const int MaxDepth = 16;

    private sealed record Member(string Name, PropertyInfo Property, bool MultiLine);

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>A field (its path as the request names it, e.g. "Contacts[0].Name") that holds a forbidden character.</summary>
    public sealed record Violation(string Field, bool MultiLine);

    public static IReadOnlyList<Violation> FindFields(object? value)
    {
        var fields = new List<Violation>();
        Walk(value, "", multiLine: false, fields, 0);
        return fields;
    }

    /// <summary>True when the text holds a character its kind of field may not: any control character, or for multi-line text any but line breaks and tabs.</summary>
    public static bool IsForbidden(string? text, bool multiLine)
    {
        if (text is null) return false;
        foreach (var c in text)
        {
            if (!char.IsControl(c)) continue;
            if (multiLine && c is '\n' or '\r' or '\t') continue;
            return true;
        }

        return false;
    }

    private static void Walk(object? value, string path, bool multiLine, List<Violation> fields, int depth)
    {
        if (value is null || depth > MaxDepth) return;
        switch (value)
        {
            case string text:
                if (IsForbidden(text, multiLine)) fields.Add(new Violation(path, multiLine));
                return;
            case JsonElement element:
                WalkJson(element, path, multiLine, fields, depth);
                return;
            case JsonNode node:
                WalkJson(JsonSerializer.SerializeToElement(node), path, multiLine, fields, depth);
                return;
            case Stream:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    if (IsForbidden(key, multiLine: false)) fields.Add(new Violation(path, false));
                    Walk(entry.Value, Join(path, key), multiLine, fields, depth + 1);
                }

                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items) Walk(item, $"{path}[{index++}]", multiLine, fields, depth + 1);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || !(type.Namespace?.StartsWith("NpsCloud", StringComparison.Ordinal) ?? false)) return;
        foreach (var member in Members.GetOrAdd(type, Describe))
        {
            Walk(member.Property.GetValue(value), Join(path, member.Name), member.MultiLine, fields, depth + 1);
        }
    }

    private static void WalkJson(JsonElement element, string path, bool multiLine, List<Violation> fields, int depth)
    {
        if (depth > MaxDepth) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (IsForbidden(element.GetString(), multiLine)) fields.Add(new Violation(path, multiLine));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsForbidden(property.Name, multiLine: false)) fields.Add(new Violation(path, false));
                    WalkJson(property.Value, Join(path, property.Name), multiLine, fields, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) WalkJson(item, $"{path}[{index++}]", multiLine, fields, depth + 1);
                break;
        }
    }

    private static Member[] Describe(Type type)
    {
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.IsDefined(typeof(MultiLineAttribute)))
            .Select(p => p.Name!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // Only what a client can set: computed properties (a trimmed copy, a serialized form) are derived from those.
            .Where(p => p.CanRead && p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)
            .Select(p => new Member(p.Name, p, p.IsDefined(typeof(MultiLineAttribute)) || parameters.Contains(p.Name)))
            .ToArray();
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
