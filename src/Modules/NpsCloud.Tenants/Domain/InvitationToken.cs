using System.Security.Cryptography;

namespace NpsCloud.Tenants.Domain;

internal static class InvitationToken
{
    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
