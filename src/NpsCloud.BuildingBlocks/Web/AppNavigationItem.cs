using System.Globalization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// A section of the signed-in app in the top navigation. Each module registers its own; the layout
/// shows them in <see cref="Order"/>. <see cref="ManagersOnly"/> sections are for owners and admins.
/// </summary>
public sealed record AppNavigationItem(int Order, string Path, string English, string Turkish, bool ManagersOnly = false)
{
    public string Label => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "tr" ? Turkish : English;
}
