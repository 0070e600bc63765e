using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Encrypts each data protection key (its <c>masterKey</c> element) with AES-256-GCM under the key file's
/// current key before the key ring stores it. What the database keeps names the key file key it needs
/// (by id, never the key) and is useless without the file.
/// </summary>
internal sealed class KeyFileXmlEncryptor(DataProtectionKeyFile keyFile) : IXmlEncryptor
{
    internal const string ElementName = "keyFileEncrypted";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var tag = new byte[TagBytes];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(keyFile.Current, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(keyFile.CurrentId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute("keyId", keyFile.CurrentId),
            new XAttribute("algorithm", "AES-256-GCM"),
            new XComment(" Encrypted with the operator's key file (DataProtection:KeyFile); the database does not hold that key. "),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. ciphertext])));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes("NpsCloud.DataProtection.KeyFile/" + keyId);

    internal static XElement Decrypt(XElement encryptedElement, DataProtectionKeyFile keyFile)
    {
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? throw new CryptographicException("The encrypted key names no key file key.");
        var key = keyFile.Find(keyId) ?? throw new CryptographicException(
            $"This data protection key was encrypted with key file key {keyId}, which {keyFile.Path} does not hold: restore the old key file lines (see docs/operations.md, \"Key file\").");
        var blob = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (blob.Length < NonceBytes + TagBytes) throw new CryptographicException("The encrypted data protection key is truncated.");
        var plaintext = new byte[blob.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Decrypt(blob.AsSpan(0, NonceBytes), blob.AsSpan(NonceBytes + TagBytes), blob.AsSpan(NonceBytes, TagBytes), plaintext, AssociatedData(keyId));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>
/// The other half of <see cref="KeyFileXmlEncryptor"/>. Data protection creates it by its type name with
/// the application's services (the public constructor taking <see cref="IServiceProvider"/>).
/// </summary>
internal sealed class KeyFileXmlDecryptor(IServiceProvider? services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keyFile = services?.GetService<DataProtectionKeyRing>()?.KeyFile ?? throw new CryptographicException(
            $"This data protection key is encrypted with a key file, and none is configured: set {DataProtectionKeyFile.EnvironmentVariable} ({DataProtectionKeyFile.ConfigurationKey}).");
        return KeyFileXmlEncryptor.Decrypt(encryptedElement, keyFile);
    }
}
