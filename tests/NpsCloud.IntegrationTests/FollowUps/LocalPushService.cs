using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>
/// A push service on this machine, as a browser vendor's would be: it takes pushes on any path, answers 201
/// (or what <see cref="AnswerWith"/> says for a path) and keeps what arrived, for the test to check.
/// </summary>
public sealed class LocalPushService : IDisposable
{
    public sealed record Received(string Path, string? Authorization, string? ContentEncoding, string? Ttl, byte[] Body);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, HttpStatusCode> _answers = new();

    public LocalPushService()
    {
        Port = Network.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    public IReadOnlyCollection<Received> Pushes => _received.ToArray();

    public void AnswerWith(string path, HttpStatusCode status) => _answers[path] = status;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            _received.Enqueue(new Received(path, context.Request.Headers["Authorization"], context.Request.Headers["Content-Encoding"], context.Request.Headers["TTL"], body.ToArray()));
            context.Response.StatusCode = (int)_answers.GetValueOrDefault(path, HttpStatusCode.Created);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

/// <summary>
/// What a browser holds for one push subscription (a P-256 key pair and a 16-byte auth secret), and how it
/// reads a push: RFC 8291 key derivation and RFC 8188 aes128gcm, written out here so the test checks the
/// server's library rather than trusting it.
/// </summary>
public sealed class BrowserPushKeys : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    public string P256dh => WebEncoders.Base64UrlEncode(PublicKey);

    public string AuthText => WebEncoders.Base64UrlEncode(Auth);

    public string Decrypt(byte[] body)
    {
        // The aes128gcm header: salt (16), record size (4), key id length (1), key id (the sender's public key).
        var salt = body.AsSpan(0, 16).ToArray();
        var idLength = body[20];
        var senderPublic = body.AsSpan(21, idLength).ToArray();
        var record = body.AsSpan(21 + idLength).ToArray();
        Assert.Equal(65, idLength);

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
        var keyInfo = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(PublicKey).Concat(senderPublic).ToArray();
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, HKDF.Extract(HashAlgorithmName.SHA256, shared, Auth), 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
        {
            aes.Decrypt(nonce, record.AsSpan(0, plain.Length), record.AsSpan(plain.Length), plain);
        }

        // The last record ends with the delimiter 2, then any padding zeros.
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.Equal(2, plain[end]);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    /// <summary>Checks a VAPID <c>Authorization: vapid t=JWT, k=key</c> header: the key, the ES256 signature, the audience and the expiry.</summary>
    public static void VerifyVapid(string? authorization, string publicKey, string audience, DateTimeOffset now)
    {
        Assert.NotNull(authorization);
        Assert.StartsWith("vapid ", authorization);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(publicKey, parameters["k"]);
        var jwt = parameters["t"].Split('.');
        Assert.Equal(3, jwt.Length);

        var point = WebEncoders.Base64UrlDecode(publicKey);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), WebEncoders.Base64UrlDecode(jwt[2]), HashAlgorithmName.SHA256),
            "The VAPID token's ES256 signature does not verify with the served public key.");

        using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[1]));
        Assert.Equal(audience, claims.RootElement.GetProperty("aud").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(expires, now.AddMinutes(-5), now.AddHours(24));
        Assert.StartsWith("mailto:", claims.RootElement.GetProperty("sub").GetString());
    }

    public void Dispose() => _key.Dispose();
}
