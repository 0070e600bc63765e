namespace NpsCloud.FollowUps;

/// <summary>The follow-up settings of the host (configuration section <c>FollowUps</c>).</summary>
internal sealed class FollowUpOptions
{
    /// <summary>
    /// How long a new case's alert waits for the person's comment when the comment can still follow the
    /// score (an emailed score link, the widget). The comment usually comes within a minute or two; an
    /// alert that waits this long carries it, and one that had to go without it gets one update.
    /// </summary>
    public TimeSpan AlertGracePeriod { get; set; } = TimeSpan.FromMinutes(3);

    public PushOptions Push { get; set; } = new();
}

/// <summary>Web push to the assignee's phones (configuration section <c>FollowUps:Push</c>).</summary>
internal sealed class PushOptions
{
    /// <summary>The contact push services may use about our pushes (the VAPID <c>sub</c> claim): a mailto: or https: address.</summary>
    public string Subject { get; set; } = "mailto:push@npscloud.invalid";

    /// <summary>Take plain-http subscription endpoints on this machine (tests run a local push service); never in production.</summary>
    public bool AllowLoopbackHttp { get; set; }
}
