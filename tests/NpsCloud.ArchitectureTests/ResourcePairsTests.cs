using System.Xml.Linq;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>
/// Every text exists in both languages: a key only in the English file shows English on a Turkish page, and a
/// key only in the Turkish file shows the raw key on an English one.
/// </summary>
public sealed class ResourcePairsTests
{
    [Fact]
    public void Every_resource_key_is_in_both_the_english_and_the_turkish_file()
    {
        var problems = new List<string>();
        foreach (var english in EnglishResourceFiles())
        {
            var turkish = english[..^".resx".Length] + ".tr.resx";
            var name = Path.GetRelativePath(RepositoryPaths.Root, english);
            if (!File.Exists(turkish))
            {
                problems.Add($"{name}: no Turkish file next to it");
                continue;
            }

            var englishKeys = Keys(english);
            var turkishKeys = Keys(turkish);
            problems.AddRange(englishKeys.Except(turkishKeys).Order(StringComparer.Ordinal).Select(key => $"{name}: {key} has no Turkish text"));
            problems.AddRange(turkishKeys.Except(englishKeys).Order(StringComparer.Ordinal).Select(key => $"{name}: {key} has no English text"));
            problems.AddRange(Duplicates(english).Concat(Duplicates(turkish)).Select(key => $"{name}: {key} appears twice in a file (a merge kept both sides?)"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_turkish_resource_file_has_its_english_file()
    {
        var orphans = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.tr.resx", SearchOption.AllDirectories)
            .Where(NotBuildOutput)
            .Where(turkish => !File.Exists(turkish[..^".tr.resx".Length] + ".resx"))
            .Select(turkish => Path.GetRelativePath(RepositoryPaths.Root, turkish))
            .ToList();

        Assert.Empty(orphans);
    }

    private static IEnumerable<string> EnglishResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(NotBuildOutput)
            .Where(file => !file.EndsWith(".tr.resx", StringComparison.Ordinal));

    private static bool NotBuildOutput(string file) =>
        !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}");

    private static IEnumerable<string> Names(string file) => XDocument.Load(file).Root!.Elements("data").Select(data => (string)data.Attribute("name")!);

    private static HashSet<string> Keys(string file) => Names(file).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Duplicates(string file) => Names(file).GroupBy(name => name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
