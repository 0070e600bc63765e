using System.Globalization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>Where a section sits in the top navigation.</summary>
public enum NavigationGroup
{
    /// <summary>The work people do every day: a link of its own in the row (or the phone's menu).</summary>
    Main,

    /// <summary>Company administration: a link inside the Settings menu.</summary>
    Settings,
}

/// <summary>
/// A section of the signed-in app in the top navigation. Each module registers its own; the layout
/// shows them in <see cref="Order"/> within their <see cref="Group"/>. <see cref="ManagersOnly"/> sections
/// are for owners and admins. The label says what the link opens (the page's own heading), in both languages.
/// </summary>
public sealed record AppNavigationItem(int Order, string Path, string English, string Turkish, bool ManagersOnly = false,
    NavigationGroup Group = NavigationGroup.Main)
{
    public string Label => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "tr" ? Turkish : English;
}
