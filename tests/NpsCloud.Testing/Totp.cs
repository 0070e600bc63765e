using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NpsCloud.Testing;

/// <summary>
/// What an authenticator app computes (RFC 6238 over RFC 4226): HMAC-SHA1 of the 30-second step counter,
/// dynamically truncated to 6 digits. Written here from the RFCs, so the tests do not use the code under test.
/// </summary>
public static class Totp
{
    public static string Code(string base32Secret, DateTimeOffset now) => Code(Base32Decode(base32Secret), now.ToUnixTimeSeconds() / 30, 6);

    public static string Code(byte[] secret, long step, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString().PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 base32, ignoring spaces, case and padding (as the key is shown to people).</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c != ' ' && c != '='))
        {
            var value = alphabet.IndexOf(c);
            if (value < 0) throw new FormatException($"'{c}' is not base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.ToArray();
    }
}
