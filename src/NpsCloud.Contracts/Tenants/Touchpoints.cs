using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>The current company's touchpoints with their labels, sorted by key (answered once per scope by the Tenants module).</summary>
public sealed record ListTouchpoints : IRequest<TouchpointLabels>;

public sealed record TouchpointLabel(string Key, string LabelTr, string LabelEn)
{
    public string In(string language) => language == "tr" ? LabelTr : LabelEn;
}

/// <summary>The company's touchpoints; a stored key without a label shows as itself.</summary>
public sealed record TouchpointLabels(IReadOnlyList<TouchpointLabel> Items)
{
    public string Label(string? key, string language) =>
        key is null ? "" : Items.FirstOrDefault(t => t.Key == key)?.In(language) ?? key;
}
