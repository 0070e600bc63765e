using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>The touchpoints this scope read: a page that shows many labels asks the database once.</summary>
internal sealed class TouchpointMemo
{
    public TouchpointLabels? Labels { get; set; }

    public void Forget() => Labels = null;
}
