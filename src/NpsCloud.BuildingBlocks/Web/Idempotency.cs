using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>Marks an API endpoint that honours the <c>Idempotency-Key</c> header (see <see cref="IdempotencyMiddleware"/>).</summary>
public sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();

    private IdempotentEndpoint()
    {
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>A retry with the same <c>Idempotency-Key</c> and body gets the first answer again instead of doing the work twice.</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentEndpoint.Instance);
}

/// <summary>The same key came with another request: a client bug, never silently "fixed".</summary>
public sealed class IdempotencyKeyReusedException()
    : DomainException(422, "idempotency_key_reused", "Idempotency key reused", "This Idempotency-Key was used with a different request; use a new key for a new request.");

/// <summary>The first request with this key is still being handled.</summary>
public sealed class IdempotencyKeyInUseException()
    : DomainException(409, "idempotency_key_in_use", "Request in progress", "A request with this Idempotency-Key is still being handled; retry in a moment.");

/// <summary>
/// Stripe-style idempotency keys. The first request with a key claims it (a committed row, so concurrent
/// duplicates see it at once and get 409) and its successful answer is stored for 24 hours: a retry with
/// the same key and the same method, path, query and body gets that answer again (with
/// <c>Idempotent-Replayed: true</c>); with anything else, 422. An answer that is not a success releases
/// the key, so the client can fix the request or retry it after a failure. Keys belong to the tenant and
/// to the credential that sent them (the API key, or the signed-in person): the same key sent by another
/// credential is another key, so nobody is answered with what another key was shown. The departments
/// the caller may see are part of the fingerprint, so a caller whose limits changed cannot be replayed
/// an answer made under the old ones.
/// The stored answer is encrypted with Data Protection: it can hold a secret shown only once (a
/// webhook's signing secret), which must not sit in the database in the clear.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A request whose host died mid-way holds its key this long; then a retry may run it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task InvokeAsync(
        HttpContext context, TenantConnectionFactory connections, ITenantContext tenant, TimeProvider clock, IDataProtectionProvider protection)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || tenant.TenantId is null)
        {
            await next(context);
            return;
        }

        var key = values.ToString().Trim();
        if (key.Length is 0 or > 255)
        {
            throw new RequestValidationException(Header, "Use a key of 1 to 255 characters (a UUID is a good choice).");
        }

        var credential = CredentialOf(context, tenant);
        var fingerprint = await FingerprintAsync(context.Request, tenant);
        var now = clock.GetUtcNow();
        StoredAnswer? stored;
        // A connection for the claim and another for the outcome: none is held while the request runs.
        await using (var connection = await connections.OpenAsync(context.RequestAborted))
        {
            stored = await ClaimAsync(connection, tenant.TenantId.Value, credential, key, fingerprint, now, context.RequestAborted);
        }

        if (stored is not null)
        {
            if (!stored.Fingerprint.AsSpan().SequenceEqual(fingerprint)) throw new IdempotencyKeyReusedException();
            if (stored.StatusCode is not { } status) throw new IdempotencyKeyInUseException();
            context.Response.StatusCode = status;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
            if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
            if (stored.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(Answers(protection).Unprotect(body), context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var succeeded = false;
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            context.Response.Body = original;
            // Not the request's token: the client may have gone, and the key must not stay claimed.
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            if (succeeded)
            {
                await StoreAsync(connection, tenant.TenantId.Value, credential, key, context.Response, Answers(protection).Protect(captured.ToArray()), CancellationToken.None);
            }
            else
            {
                await ReleaseAsync(connection, tenant.TenantId.Value, credential, key, CancellationToken.None);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static IDataProtector Answers(IDataProtectionProvider protection) => protection.CreateProtector("NpsCloud.Idempotency.Answers.v1");

    /// <summary>Who sent the key: the API key's id, else the signed-in person's id.</summary>
    private static string CredentialOf(HttpContext context, ITenantContext tenant) =>
        context.User.FindFirst(ApiKeyClaims.KeyId)?.Value is { } keyId ? "key:" + keyId
        : tenant.UserId is { } userId ? "user:" + userId
        : "";

    private static async Task<byte[]> FingerprintAsync(HttpRequest request, ITenantContext tenant)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var visible = tenant.VisibleDepartments is { } departments ? string.Join(",", departments.Order()) : "*";
        hash.AppendData(Encoding.UTF8.GetBytes($"departments: {visible}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private sealed record StoredAnswer(byte[] Fingerprint, int? StatusCode, string? ContentType, string? Location, byte[]? Body);

    /// <summary>
    /// Claims the key, or answers what is stored under it. An expired row, or a lease a dead host left, is
    /// taken over; the retention job deletes the other expired rows.
    /// </summary>
    private static async Task<StoredAnswer?> ClaimAsync(
        NpgsqlConnection connection, Guid tenantId, string credential, string key, byte[] fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into platform.idempotency_keys (tenant_id, key, fingerprint, locked_until, created_at, expires_at, credential)
            values ($1, $2, $3, $4 + $5, $4, $4 + $6, $7)
            on conflict (tenant_id, credential, key) do update
               set fingerprint = excluded.fingerprint, status_code = null, content_type = null, location = null, body = null,
                   locked_until = excluded.locked_until, created_at = excluded.created_at, expires_at = excluded.expires_at
             where idempotency_keys.expires_at < $4
                or (idempotency_keys.status_code is null and idempotency_keys.locked_until < $4)
            returning true
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = Lease });
        command.Parameters.Add(new NpgsqlParameter { Value = Lifetime });
        command.Parameters.Add(new NpgsqlParameter { Value = credential });
        if (await command.ExecuteScalarAsync(cancellationToken) is true) return null;

        await using var read = new NpgsqlCommand(
            "select fingerprint, status_code, content_type, location, body from platform.idempotency_keys where tenant_id = $1 and key = $2 and credential = $3", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        read.Parameters.Add(new NpgsqlParameter { Value = credential });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        // Gone between the two statements (released by a failed first request): this request may not run
        // on a key it has not claimed, so it is told to retry.
        if (!await reader.ReadAsync(cancellationToken)) throw new IdempotencyKeyInUseException();
        return new StoredAnswer(
            reader.GetFieldValue<byte[]>(0),
            reader.IsDBNull(1) ? null : reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4));
    }

    private static async Task StoreAsync(
        NpgsqlConnection connection, Guid tenantId, string credential, string key, HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "update platform.idempotency_keys set status_code = $3, content_type = $4, location = $5, body = $6 where tenant_id = $1 and key = $2 and credential = $7", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Headers.Location.ToString() is { Length: > 0 } location ? location : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        command.Parameters.Add(new NpgsqlParameter { Value = credential });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReleaseAsync(NpgsqlConnection connection, Guid tenantId, string credential, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "delete from platform.idempotency_keys where tenant_id = $1 and key = $2 and credential = $3 and status_code is null", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = credential });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
