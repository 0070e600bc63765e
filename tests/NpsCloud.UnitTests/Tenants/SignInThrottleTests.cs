using System.Text;
using Microsoft.Extensions.Time.Testing;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Testing;

namespace NpsCloud.UnitTests.Tenants;

public sealed class SignInThrottleTests
{
    private const string Owner = "OWNER@EXAMPLE.TEST";
    private const string Attacker = "203.0.113.9";
    private const string Home = "198.51.100.7";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private SignInThrottle NewThrottle(int perAddress = 20, int perAccount = 50) =>
        new(_clock, new SignInThrottleSettings(FreeFailuresPerAccountAndAddress: 5, FreeFailuresPerAddress: perAddress, FreeFailuresPerAccount: perAccount));

    [Fact]
    public void Four_failures_leave_the_next_attempt_free_and_the_fifth_starts_a_15_second_wait()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 4; i++) throttle.RecordFailure(Owner, Attacker);
        Assert.False(throttle.MustWait(Owner, Attacker));

        throttle.RecordFailure(Owner, Attacker);

        Assert.True(throttle.MustWait(Owner, Attacker));
        _clock.Advance(TimeSpan.FromSeconds(14));
        Assert.True(throttle.MustWait(Owner, Attacker));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.MustWait(Owner, Attacker));
    }

    [Fact]
    public void Each_further_failure_doubles_the_wait_up_to_five_minutes()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 5; i++) throttle.RecordFailure(Owner, Attacker);
        var waits = new List<TimeSpan>();
        for (var failure = 6; failure <= 12; failure++)
        {
            _clock.Advance(TimeSpan.FromMinutes(6)); // past any wait, but within the hour that keeps the count
            throttle.RecordFailure(Owner, Attacker);
            waits.Add(WaitLength(throttle, Owner, Attacker));
        }

        Assert.Equal(new[] { 30, 60, 120, 240, 300, 300, 300 }.Select(s => TimeSpan.FromSeconds(s)), waits);
    }

    [Fact]
    public void An_attacker_elsewhere_does_not_hold_back_the_owner_at_home()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 10; i++) throttle.RecordFailure(Owner, Attacker);

        Assert.True(throttle.MustWait(Owner, Attacker));
        Assert.False(throttle.MustWait(Owner, Home));
    }

    [Fact]
    public void An_unknown_address_is_counted_exactly_like_a_real_one()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Owner, Attacker);
            throttle.RecordFailure("NOBODY@EXAMPLE.TEST", Attacker);
        }

        Assert.Equal(throttle.MustWait(Owner, Attacker), throttle.MustWait("NOBODY@EXAMPLE.TEST", Attacker));
        Assert.True(throttle.MustWait("NOBODY@EXAMPLE.TEST", Attacker));
    }

    [Fact]
    public void One_address_spraying_many_accounts_waits_for_every_account()
    {
        var throttle = NewThrottle(perAddress: 20);
        for (var i = 0; i < 20; i++) throttle.RecordFailure($"USER{i}@EXAMPLE.TEST", Attacker);

        Assert.True(throttle.MustWait("SOMEONE-ELSE@EXAMPLE.TEST", Attacker));
        Assert.False(throttle.MustWait("SOMEONE-ELSE@EXAMPLE.TEST", Home));
    }

    [Fact]
    public void Many_addresses_against_one_account_slow_it_down_for_everyone_but_only_for_the_longest_wait()
    {
        var throttle = NewThrottle(perAccount: 50);
        for (var i = 0; i < 50; i++) throttle.RecordFailure(Owner, $"192.0.2.{i}");

        Assert.True(throttle.MustWait(Owner, Home));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(throttle.MustWait(Owner, Home));
    }

    [Fact]
    public void A_success_clears_the_count_of_that_account_from_that_address()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 4; i++) throttle.RecordFailure(Owner, Home);

        throttle.RecordSuccess(Owner, Home);
        throttle.RecordFailure(Owner, Home);

        Assert.False(throttle.MustWait(Owner, Home));
    }

    [Fact]
    public void Failures_are_forgotten_an_hour_after_the_last_one()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 9; i++) throttle.RecordFailure(Owner, Attacker);
        _clock.Advance(TimeSpan.FromMinutes(61));

        throttle.RecordFailure(Owner, Attacker);

        Assert.False(throttle.MustWait(Owner, Attacker));
    }

    private TimeSpan WaitLength(SignInThrottle throttle, string account, string address)
    {
        var waited = TimeSpan.Zero;
        while (throttle.MustWait(account, address))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
        }

        return waited;
    }
}

public sealed class CommonPasswordsTests
{
    [Theory]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("Password123")]
    [InlineData("  PASSWORD1234 ")]
    public void Common_passwords_are_on_the_list_whatever_their_case(string password) => Assert.True(CommonPasswords.Contains(password));

    [Fact]
    public void A_passphrase_is_not_on_the_list_and_the_list_is_the_shipped_one()
    {
        Assert.False(CommonPasswords.Contains("correct horse battery"));
        Assert.InRange(CommonPasswords.Count, 45_000, 60_000);
    }
}

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1, secret "12345678901234567890": the 8-digit codes, whose last 6 digits are the 6-digit codes.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(20000000000L, "65353130")]
    public void The_tests_own_totp_computes_the_rfc_6238_test_vectors(long unixTime, string expected) =>
        Assert.Equal(expected, Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), unixTime / 30, 8));

    [Fact]
    public void Base32_decodes_as_rfc_4648_says() => Assert.Equal("foobar"u8.ToArray(), Totp.Base32Decode("MZXW6YTBOI======"));
}

public sealed class OneTimeAuthenticatorCodeTests
{
    // Base32 of "12345678901234567890", the RFC 6238 test secret; at 59 s (step 1) its 6-digit code is 287082.
    private const string Key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Fact]
    public void The_code_of_the_current_step_matches_that_step() =>
        Assert.Equal(1L, OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(59), null));

    [Fact]
    public void A_code_of_the_step_before_or_after_matches_for_clocks_a_little_apart()
    {
        Assert.Equal(1L, OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(89), null));
        Assert.Equal(1L, OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(29), null));
        Assert.Null(OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(120), null));
    }

    [Fact]
    public void A_code_whose_step_was_used_or_passed_does_not_match_again()
    {
        Assert.Null(OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(59), lastUsedStep: 1));
        Assert.Null(OneTimeAuthenticatorTokenProvider.Match(Key, "287082", DateTimeOffset.FromUnixTimeSeconds(59), lastUsedStep: 2));
    }

    [Theory]
    [InlineData("287083")]
    [InlineData("28708")]
    [InlineData("abcdef")]
    [InlineData("")]
    public void Anything_else_does_not_match(string code) =>
        Assert.Null(OneTimeAuthenticatorTokenProvider.Match(Key, code, DateTimeOffset.FromUnixTimeSeconds(59), null));
}
