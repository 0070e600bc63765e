namespace NpsCloud.FollowUps.Pages.App;

/// <summary>The look of a case's status in the inbox and on the case page (the shell's badge colours).</summary>
internal static class CaseBadges
{
    public static string StatusClass(string status) => status switch
    {
        "escalated" => "badge badge-expired",
        "open" => "badge badge-trial",
        "resolved" => "badge status-active",
        "contacted" => "badge status-paused",
        _ => "badge",
    };
}
