using System.Security.Cryptography;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The operator's key file (<c>DataProtection:KeyFile</c>, <c>NPS_KEY_FILE</c>): 256-bit keys, one a line
/// in base64, that encrypt the data protection key ring before it reaches the database. The first key
/// encrypts new key ring entries; every key decrypts, so a rotated file (a new key put first, the old ones
/// kept below it) still reads what the old keys encrypted. The database never holds these keys.
/// </summary>
public sealed class DataProtectionKeyFile
{
    public const string ConfigurationKey = "DataProtection:KeyFile";

    public const string EnvironmentVariable = "NPS_KEY_FILE";

    private readonly Dictionary<string, byte[]> _keys;

    private DataProtectionKeyFile(string path, IReadOnlyList<byte[]> keys)
    {
        Path = path;
        Current = keys[0];
        CurrentId = IdOf(keys[0]);
        _keys = keys.GroupBy(IdOf).ToDictionary(group => group.Key, group => group.First());
    }

    public string Path { get; }

    public byte[] Current { get; }

    /// <summary>A public name of the current key (the start of its SHA-256), stored next to what it encrypted.</summary>
    public string CurrentId { get; }

    public int Count => _keys.Count;

    public byte[]? Find(string id) => _keys.GetValueOrDefault(id);

    /// <summary>Reads the file; anything else than base64 256-bit keys, comments (#) and blank lines is refused, naming the line.</summary>
    public static DataProtectionKeyFile Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new DataProtectionKeyFileException(
                $"The data protection key file {fullPath} does not exist. Create one (see docs/operations.md, \"Key file\") or point {EnvironmentVariable} at yours.");
        }

        var keys = new List<byte[]>();
        var number = 0;
        foreach (var line in File.ReadLines(fullPath))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            byte[] key;
            try
            {
                key = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new DataProtectionKeyFileException($"Line {number} of the data protection key file {fullPath} is not base64.");
            }

            if (key.Length != 32)
            {
                throw new DataProtectionKeyFileException(
                    $"Line {number} of the data protection key file {fullPath} holds {key.Length} bytes; a key has 32 (256 bits).");
            }

            keys.Add(key);
        }

        if (keys.Count == 0)
        {
            throw new DataProtectionKeyFileException($"The data protection key file {fullPath} holds no key.");
        }

        return new DataProtectionKeyFile(fullPath, keys);
    }

    /// <summary>The text of a new key file (what <c>./nps run</c> writes when there is none).</summary>
    public static string NewFileText() =>
        "# NpsCloud data protection key file: the first key encrypts, every key decrypts. Back it up; never lose an old line.\n" +
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n";

    private static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData([.. "NpsCloud key id/"u8, .. key]))[..16];
}

/// <summary>The key file is missing or malformed: the host does not start.</summary>
public sealed class DataProtectionKeyFileException(string message) : Exception(message);
