using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// Identity's authenticator provider slot, filled with a TOTP check (RFC 6238: HMAC-SHA1, 30-second steps,
/// 6 digits) that Identity's own provider lacks two things of: each code is accepted once (the step of the
/// last accepted code is kept in <c>users.last_totp_step</c>, and only a later step passes), and time comes
/// from <see cref="TimeProvider"/>. A code of the previous or the next step is accepted too, for clocks a
/// little apart.
/// </summary>
internal sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<User>
{
    private const int StepSeconds = 30;

    // Authenticator apps make the codes; the server never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || Match(key, token, clock.GetUtcNow(), user.LastTotpStep) is not { } step) return false;
        user.LastTotpStep = step;
        await manager.UpdateAsync(user);
        return true;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The step whose code <paramref name="code"/> is, within one step of now and after <paramref name="lastUsedStep"/>; null otherwise.</summary>
    public static long? Match(string base32Key, string code, DateTimeOffset now, long? lastUsedStep)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || Base32(base32Key) is not { Length: > 0 } secret) return null;
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > (lastUsedStep ?? long.MinValue)
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    /// <summary>RFC 4648 base32 (the key's form in the QR code); null when it is not.</summary>
    private static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is '=' or ' ') continue;
            var value = alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
            buffer &= (1 << bits) - 1;
        }

        return bytes.ToArray();
    }
}
