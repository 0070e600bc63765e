using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Pages reached from an email (the response page, unsubscribing) speak the email's language, whatever
/// the browser asks for. Called at the top of the view: a culture set in the page handler would not
/// reach the rendering (an async method's culture change ends with the method), and the public layout
/// reads the language for its <c>lang</c> attribute from the view data.
/// </summary>
public static class PublicPageLanguage
{
    public const string Key = "Language";

    public static void Use(ViewDataDictionary viewData, string? locale)
    {
        if (locale is not ("en" or "tr")) return;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(locale);
        viewData[Key] = locale;
    }
}
