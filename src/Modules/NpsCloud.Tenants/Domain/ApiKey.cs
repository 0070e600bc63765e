using System.Security.Cryptography;
using System.Text;
using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

/// <summary>
/// An integrator's credential: <c>nps_live_&lt;id&gt;_&lt;secret&gt;</c>, the id 32 hex digits and the secret
/// 256 random bits (base64url). Only the SHA-256 of the whole key is stored; the key is shown once.
/// </summary>
internal sealed class ApiKey : ITenantOwned
{
    public const string Marker = "nps_live_";
    private const int IdLength = 32;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, enough to recognise it in a list.</summary>
    public required string Prefix { get; init; }
    public required byte[] SecretHash { get; init; }
    public required string[] Scopes { get; init; }

    /// <summary>The departments the key is limited to (see <c>ITenantContext.VisibleDepartments</c>); empty for a tenant-wide key.</summary>
    public Guid[] DepartmentIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public Guid? CreatedBy { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A new key; the returned plain text is the only copy there will ever be.</summary>
    public static (ApiKey Key, string PlainText) Create(string name, string[] scopes, DateTimeOffset now, Guid? createdBy, Guid[]? departmentIds = null)
    {
        var id = Guid.NewGuid();
        var plainText = $"{Marker}{id:N}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (new ApiKey
        {
            Id = id,
            Name = name,
            Prefix = plainText[..(Marker.Length + 8)],
            SecretHash = Hash(plainText),
            Scopes = scopes,
            CreatedAt = now,
            CreatedBy = createdBy,
            DepartmentIds = departmentIds ?? [],
        }, plainText);
    }

    /// <summary>The key id written in a presented key, or null when it is not one of ours.</summary>
    public static Guid? IdOf(string presented) =>
        presented.Length > Marker.Length + IdLength + 1
        && presented.StartsWith(Marker, StringComparison.Ordinal)
        && presented[Marker.Length + IdLength] == '_'
        && Guid.TryParseExact(presented.AsSpan(Marker.Length, IdLength), "N", out var id)
            ? id
            : null;

    public static byte[] Hash(string plainText) => SHA256.HashData(Encoding.UTF8.GetBytes(plainText));

    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

