using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
internal sealed class WebhookOptions
{
    /// <summary>
    /// Allows receivers on loopback, private and link-local addresses, and plain http (<c>NPS_WEBHOOKS_ALLOW_PRIVATE=true</c>).
    /// Off by default: a company's URL must not reach into the network NpsCloud runs in.
    /// </summary>
    public bool AllowPrivate { get; set; }

    /// <summary>How often each host looks for deliveries that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many deliveries a host claims at once; it sends them in parallel.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed delivery is reserved for one host: well over <see cref="Timeout"/>, so a live host never loses it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The waits between attempts; empty means the standard schedule (<see cref="RetrySchedule.Standard"/>).</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    internal IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : RetrySchedule.Standard;
}
