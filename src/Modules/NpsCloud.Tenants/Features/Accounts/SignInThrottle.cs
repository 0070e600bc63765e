using System.Collections.Concurrent;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The back-off's figures (configuration section <c>SignIn</c>).</summary>
/// <param name="FreeFailuresPerAccountAndAddress">Failures one client address may make against one account in a row; the last of them starts the first wait.</param>
/// <param name="FreeFailuresPerAddress">Failures one client address may make against all accounts together.</param>
/// <param name="FreeFailuresPerAccount">Failures against one account from all addresses together (a spread-out attack).</param>
/// <param name="FirstDelay">The wait after the first failure past the free ones; it doubles with each further failure.</param>
/// <param name="MaxDelay">The longest wait.</param>
/// <param name="ForgetAfter">Failures are forgotten this long after the last one.</param>
internal sealed record SignInThrottleSettings(
    int FreeFailuresPerAccountAndAddress = 5,
    int FreeFailuresPerAddress = 20,
    int FreeFailuresPerAccount = 50,
    TimeSpan? FirstDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? ForgetAfter = null)
{
    public TimeSpan First => FirstDelay ?? TimeSpan.FromSeconds(15);
    public TimeSpan Max => MaxDelay ?? TimeSpan.FromMinutes(5);
    public TimeSpan Forget => ForgetAfter ?? TimeSpan.FromHours(1);
}

/// <summary>
/// Slows password and code guessing without a lock that an attacker can put on someone else's account.
/// Failures are counted per account and client address, per client address, and per account; once a count
/// passes its free allowance, that key must wait a delay that doubles with each further failure (15 s,
/// 30 s, 1 min... up to 5 min). While a key waits, attempts are refused without looking at the password,
/// and the refusal looks exactly like a wrong password, for real and unknown addresses alike (the key is
/// the address typed, whether or not an account has it). The owner signing in from their own address is
/// held back only by their own failures, or by an attack spread over many addresses, and then for at
/// most the longest delay. The counts live in this host's memory: with several hosts each counts its own.
/// </summary>
internal sealed class SignInThrottle(TimeProvider clock, SignInThrottleSettings settings)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether an attempt for this account from this address must be refused now, unchecked.</summary>
    public bool MustWait(string account, string? address)
    {
        var now = clock.GetUtcNow();
        return Keys(account, address).Any(key => _entries.TryGetValue(key.Name, out var entry) && entry.WaitUntil(now, key.Free, settings) > now);
    }

    public void RecordFailure(string account, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in Keys(account, address))
        {
            _entries.AddOrUpdate(key.Name, _ => new Entry(1, now),
                (_, entry) => now - entry.LastFailure > settings.Forget ? new Entry(1, now) : new Entry(entry.Failures + 1, now));
        }

        if (_entries.Count > PruneAbove) Prune(now);
    }

    /// <summary>A success clears the account's own counts from this address; the address's count over all accounts stays.</summary>
    public void RecordSuccess(string account, string? address) => _entries.TryRemove(PairKey(account, address), out _);

    private IEnumerable<(string Name, int Free)> Keys(string account, string? address)
    {
        yield return (PairKey(account, address), settings.FreeFailuresPerAccountAndAddress);
        yield return ("address:" + (address ?? "unknown"), settings.FreeFailuresPerAddress);
        yield return ("account:" + account, settings.FreeFailuresPerAccount);
    }

    private static string PairKey(string account, string? address) => $"pair:{address ?? "unknown"}:{account}";

    private void Prune(DateTimeOffset now)
    {
        foreach (var (name, entry) in _entries)
        {
            if (now - entry.LastFailure > settings.Forget) _entries.TryRemove(name, out _);
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure)
    {
        public DateTimeOffset WaitUntil(DateTimeOffset now, int free, SignInThrottleSettings settings)
        {
            if (now - LastFailure > settings.Forget || Failures < free) return DateTimeOffset.MinValue;
            var doublings = Math.Min(Failures - free, 20);
            var delay = TimeSpan.FromTicks(Math.Min(settings.First.Ticks << doublings, settings.Max.Ticks));
            return LastFailure + delay;
        }
    }
}
