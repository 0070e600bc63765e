using System.Collections.Frozen;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The passwords attackers try first: about 50,000 common and breached passwords shipped inside the
/// module (CommonPasswords.txt; its sources and licences are in CommonPasswords.LICENSE.txt and ADR 0023).
/// The comparison ignores case and surrounding spaces, so "Password1234" is as refused as "password1234".
/// </summary>
internal static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string? password) =>
        !string.IsNullOrWhiteSpace(password) && List.Value.Contains(password.Trim().ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("NpsCloud.Tenants.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) passwords.Add(line);
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
