using System.Globalization;
using System.Xml.Linq;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>
/// One Turkish term per concept (the guide: Destekçi, Pasif, Kötüleyen): a second word for the same
/// thing in some page or email makes a reader wonder whether it is another thing.
/// </summary>
public sealed class TurkishTermsTests
{
    /// <summary>Words that name a concept the product already has a Turkish term for, with that term.</summary>
    private static readonly Dictionary<string, string> Avoided = new()
    {
        ["eleştirmen"] = "kötüleyen",
        ["nötr"] = "pasif",
        ["tarafsız"] = "pasif",
        // Issue 19: jargon and literal translations a reader stumbled over.
        ["idempotency"] = "tekrarlanan isteği bir kez işleyen",
        ["sıklık sınırı"] = "yakın zamanda anket almış",
        ["son kötüleyen yorumları"] = "kötüleyenlerin son yorumları",
    };

    [Fact]
    public void Turkish_texts_use_one_term_for_each_nps_category()
    {
        var turkish = CultureInfo.GetCultureInfo("tr-TR");
        var found = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.tr.resx", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => XDocument.Load(file).Root!.Elements("data").Select(data => (File: Path.GetFileName(file), Key: (string)data.Attribute("name")!, Value: (string?)data.Element("value") ?? "")))
            .SelectMany(entry => Avoided.Where(word => entry.Value.ToLower(turkish).Contains(word.Key, StringComparison.Ordinal))
                .Select(word => $"{entry.File} {entry.Key}: \"{word.Key}\" (use \"{word.Value}\")"))
            .ToList();

        Assert.Empty(found);
    }
}
