using System.Reflection;
using System.Text.RegularExpressions;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>
/// Every module has the same inside (docs/architecture.md, "Inside a module"): a use case is one file under
/// Features/, handlers of other modules' messages are one a file under ForOtherModules/, one machinery
/// folder that Features never use, no folder cycles, shared pages in the host. Each rule lists its
/// offenders by file, so a failure says what to move where.
/// </summary>
public sealed class ModuleShapeTests
{
    /// <summary>The folders every module has; anything else at the top is the module's machinery.</summary>
    internal static readonly string[] CommonFolders = ["Domain", "Features", "ForOtherModules", "Pages", "Demo"];

    public static TheoryData<string> ModuleNames => [.. NpsCloud.Host.Modules.Assemblies.Select(m => m.GetName().Name!)];

    private static ModuleCode Code(string module) => ModuleCode.Of(NpsCloud.Host.Modules.Assemblies.Single(m => m.GetName().Name == module));

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Every_handler_is_a_use_case_under_Features_or_one_file_under_ForOtherModules(string module)
    {
        AssertNone(ShapeRules.MisplacedHandlers(Code(module)));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void No_file_handles_more_than_one_message(string module)
    {
        AssertNone(ShapeRules.FilesHandlingSeveralMessages(Code(module)));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Namespaces_follow_folders(string module)
    {
        AssertNone(ShapeRules.NamespacesAwayFromTheirFolder(Code(module)));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_has_the_common_folders_and_at_most_one_machinery_folder(string module)
    {
        var folders = Directory.GetDirectories(ModuleFolder(module)).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Resources")).ToList();

        Assert.Empty(new[] { "Domain", "Features", "ForOtherModules", "Pages" }.Except(folders));
        Assert.True(folders.Except(CommonFolders).Count() <= 1, $"{module} has these machinery folders: {string.Join(", ", folders.Except(CommonFolders))}");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Features_never_use_the_machinery_folder(string module)
    {
        AssertNone(ShapeRules.FeaturesUsingMachinery(Code(module)));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Folders_inside_a_module_have_no_cycles(string module)
    {
        var code = Code(module);

        AssertNone(ShapeRules.Cycles(code, code.FolderOf));
        AssertNone(ShapeRules.Cycles(code, type => code.FolderOf(type) == "Features" ? code.AreaOf(type) : ""));
    }

    [Fact]
    public void Shared_pages_live_in_the_host()
    {
        var modules = Path.Combine(RepositoryPaths.Root, "src", "Modules");
        var hostShared = Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host", "Pages", "Shared");
        var partials = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cshtml", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), "<partial name=\"(_[A-Za-z]+)\"").Select(m => (Partial: m.Groups[1].Value, Owner: OwnerOf(file))))
            .GroupBy(use => use.Partial)
            .Where(uses => uses.Select(use => use.Owner).Distinct().Count() > 1)
            .Select(uses => uses.Key);

        var sharedFoldersInModules = Directory.GetDirectories(modules, "Shared", SearchOption.AllDirectories).Where(d => !d.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        var sharedPartialsOutsideTheHost = partials.Where(partial => !File.Exists(Path.Combine(hostShared, partial + ".cshtml"))).ToList();

        AssertNone(sharedFoldersInModules);
        AssertNone(sharedPartialsOutsideTheHost);
    }

    [Fact]
    public void The_module_list_is_the_modules_folder_and_the_solution()
    {
        var listed = NpsCloud.Host.Modules.Assemblies.Select(m => m.GetName().Name!).Order().ToList();
        var folders = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src", "Modules")).Select(d => Path.GetFileName(d)!).Order().ToList();
        var solution = Regex.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "NpsCloud.sln")), @"""src\\Modules\\(NpsCloud\.[A-Za-z]+)\\").Select(m => m.Groups[1].Value).Order().ToList();

        Assert.Equal(listed, folders);
        Assert.Equal(listed, solution);
    }

    [Fact]
    public void The_dockerfile_restores_every_project_without_naming_modules()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

        Assert.DoesNotMatch(@"COPY\s+src/Modules/NpsCloud\.[A-Za-z]+/", dockerfile);
    }

    // The rules themselves, run over specimens in this assembly (Specimens/) that break them on purpose.

    private static readonly ModuleCode Specimens = ModuleCode.Of(typeof(ModuleShapeTests).Assembly, "NpsCloud.ArchitectureTests.Specimens", "tests/NpsCloud.ArchitectureTests/Specimens");

    [Fact]
    public void The_handler_rule_reports_a_handler_outside_its_use_case_class_and_one_in_machinery()
    {
        var misplaced = ShapeRules.MisplacedHandlers(Specimens);

        Assert.Equal(
            [
                "Features/Things/ThingSlices.cs: ReadThing.Handler is nested in ReadThing, not in a static class ThingSlices named after its file",
                "Features/Things/ThingSlices.cs: WriteThing.Handler is nested in WriteThing, not in a static class ThingSlices named after its file",
                "Machinery/ThingEvents.cs: ThingEvents is a handler outside Features/<Area>/<UseCase>.cs and ForOtherModules/<Name>.cs",
            ],
            misplaced);
    }

    [Fact]
    public void The_file_rule_reports_a_file_that_handles_two_messages()
    {
        Assert.Equal(["Features/Things/ThingSlices.cs handles 2 messages: ReadThing.Query, WriteThing.Command"], ShapeRules.FilesHandlingSeveralMessages(Specimens));
    }

    [Fact]
    public void The_machinery_rule_and_the_cycle_rule_report_features_that_use_machinery()
    {
        Assert.Equal(["Features.Things.WriteThing uses Machinery.ThingClock"], ShapeRules.FeaturesUsingMachinery(Specimens));
        Assert.Equal(["Features -> Machinery -> Features"], ShapeRules.Cycles(Specimens, Specimens.FolderOf));
    }

    /// <summary>Like Assert.Empty, but the failure lists every offender in full (xunit cuts collections short).</summary>
    private static void AssertNone(IEnumerable<string> offenders)
    {
        var all = offenders.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    private static string ModuleFolder(string module) => Path.Combine(RepositoryPaths.Root, "src", "Modules", module);

    private static string OwnerOf(string file)
    {
        var parts = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "src"), file).Split(Path.DirectorySeparatorChar);
        return parts[0] == "Modules" ? parts[1] : parts[0];
    }
}

/// <summary>The shape rules as functions over a module's code, so the tests above can also run them on specimens.</summary>
internal static class ShapeRules
{
    public static List<string> MisplacedHandlers(ModuleCode code)
    {
        var misplaced = new List<string>();
        foreach (var handler in code.Handlers)
        {
            var file = code.Files[handler].Single();
            var parts = file.Split('/');
            var fileName = Path.GetFileNameWithoutExtension(file);
            var owner = handler.DeclaringType;
            if (parts is ["Features", _, _])
            {
                if (owner is null || owner.DeclaringType is not null || !(owner.IsAbstract && owner.IsSealed) || owner.Name != fileName)
                {
                    misplaced.Add($"{file}: {Name(handler)} is nested in {(owner is null ? "nothing" : Name(owner))}, not in a static class {fileName} named after its file");
                }
            }
            else if (parts is ["ForOtherModules", _])
            {
                if (owner is not null || handler.Name != fileName) misplaced.Add($"{file}: {Name(handler)} must be a top-level class named {fileName}");
            }
            else
            {
                misplaced.Add($"{file}: {Name(handler)} is a handler outside Features/<Area>/<UseCase>.cs and ForOtherModules/<Name>.cs");
            }
        }

        return [.. misplaced.Order(StringComparer.Ordinal)];
    }

    public static List<string> FilesHandlingSeveralMessages(ModuleCode code) =>
    [
        .. code.Handlers
            .GroupBy(handler => code.Files[handler].Single())
            .Select(file => (File: file.Key, Messages: file.SelectMany(ModuleCode.MessagesHandledBy).Distinct().Select(Name).Order(StringComparer.Ordinal).ToList()))
            .Where(file => file.Messages.Count > 1)
            .Select(file => $"{file.File} handles {file.Messages.Count} messages: {string.Join(", ", file.Messages)}")
            .Order(StringComparer.Ordinal),
    ];

    public static List<string> NamespacesAwayFromTheirFolder(ModuleCode code) =>
    [
        .. code.Types.Where(t => t.DeclaringType is null)
            .SelectMany(type => code.Files[type].Select(file => (Type: type, Folder: Path.GetDirectoryName(file)!.Replace('/', '.'))))
            .Where(entry => entry.Type.Namespace != (entry.Folder.Length == 0 ? code.RootNamespace : $"{code.RootNamespace}.{entry.Folder}"))
            .Select(entry => $"{entry.Type.FullName} is in the folder {entry.Folder.Replace('.', '/')}")
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    public static List<string> FeaturesUsingMachinery(ModuleCode code)
    {
        var outermost = code.Types.Where(t => t.DeclaringType is null).ToList();
        return
        [
            .. outermost.Where(type => code.FolderOf(type) == "Features")
                .SelectMany(type => code.TypesUsedBy(type).Where(IsMachinery).Select(used => $"{Relative(code, type)} uses {Relative(code, used)}"))
                .Order(StringComparer.Ordinal),
        ];

        bool IsMachinery(Type type) => code.FolderOf(type) is { Length: > 0 } folder && !ModuleShapeTests.CommonFolders.Contains(folder);
    }

    /// <summary>
    /// Cycles between the groups <paramref name="groupOf"/> puts types in ("" is left out: the module's root
    /// files compose everything), each as one path that returns to where it started.
    /// </summary>
    public static List<string> Cycles(ModuleCode code, Func<Type, string> groupOf)
    {
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var type in code.Types.Where(t => t.DeclaringType is null))
        {
            var from = groupOf(type);
            if (from.Length == 0) continue;
            foreach (var to in code.TypesUsedBy(type).Select(groupOf).Where(to => to.Length > 0 && to != from))
            {
                (edges.TryGetValue(from, out var targets) ? targets : edges[from] = []).Add(to);
            }
        }

        var cycles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Keys)
        {
            // Breadth-first from start back to start: the shortest cycle through it, reported from its smallest group.
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.Count > 0)
            {
                var at = queue.Dequeue();
                foreach (var next in edges.GetValueOrDefault(at) ?? [])
                {
                    if (next == start)
                    {
                        var path = new List<string> { at };
                        while (path[^1] != start) path.Add(previous[path[^1]]);
                        path.Reverse();
                        if (path.Min(StringComparer.Ordinal) == start) cycles.Add(string.Join(" -> ", path.Append(start)));
                        queue.Clear();
                        break;
                    }

                    if (next != start && previous.TryAdd(next, at)) queue.Enqueue(next);
                }
            }
        }

        return [.. cycles];
    }

    private static string Relative(ModuleCode code, Type type) => type.FullName![(code.RootNamespace.Length + 1)..].Replace('+', '.');

    private static string Name(Type type) => type.DeclaringType is { } owner ? $"{Name(owner)}.{type.Name}" : type.Name;
}
