using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The texts of the top bar's account part (the host's <c>_AccountNav</c> partial: sections, trial days,
/// log in and out) in the request's language. The module that owns accounts provides them.
/// </summary>
public sealed record AccountNavText(IStringLocalizer Text);
