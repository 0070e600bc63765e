using Microsoft.AspNetCore.DataProtection;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>
/// Encrypts chat channels' incoming-webhook addresses at rest with ASP.NET Core data protection (the key
/// ring every host shares, as for webhook signing secrets): the address must be usable to post, so it
/// cannot be hashed, and a database dump alone does not yield it.
/// </summary>
internal sealed class ChatAddressProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("NpsCloud.Webhooks.ChatAddress");

    public string Protect(string url) => _protector.Protect(url);

    public string Unprotect(string protectedUrl) => _protector.Unprotect(protectedUrl);
}
