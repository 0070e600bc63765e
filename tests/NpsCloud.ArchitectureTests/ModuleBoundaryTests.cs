using System.Reflection;
using System.Xml.Linq;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>The rules that keep the monolith a set of modules (plain reflection; see ADR 0009).</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] Modules = NpsCloud.Host.Modules.Assemblies;

    [Fact]
    public void There_are_seven_modules()
    {
        Assert.Equal(
            ["NpsCloud.FollowUps", "NpsCloud.Goals", "NpsCloud.Responses", "NpsCloud.Scoring", "NpsCloud.Surveys", "NpsCloud.Tenants", "NpsCloud.Webhooks"],
            Modules.Select(m => m.GetName().Name!).Order());
    }

    [Fact]
    public void No_module_assembly_references_another_module()
    {
        Assert.Empty(ModuleReferenceViolations(Modules));
    }

    [Fact]
    public void No_module_project_references_another_module_project()
    {
        var violations = new List<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories))
        {
            var references = XDocument.Load(project).Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/'));
            violations.AddRange(references.Where(r => r.Contains("/Modules/") || !r.StartsWith("../../NpsCloud."))
                .Select(r => $"{Path.GetFileName(project)} -> {r}"));
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void The_reference_check_does_catch_a_project_that_references_modules()
    {
        // The host references every module: the same check applied to it must report them.
        var host = typeof(Program).Assembly;

        Assert.Equal(7, ModuleReferenceViolations([host]).Count);
    }

    [Fact]
    public void Building_blocks_and_contracts_reference_no_module()
    {
        var shared = new[] { typeof(NpsCloud.BuildingBlocks.BuildingBlocksRegistration).Assembly, typeof(NpsCloud.Contracts.IIntegrationEvent).Assembly };

        Assert.Empty(ModuleReferenceViolations(shared));
    }

    [Fact]
    public void Contracts_depend_on_nothing_but_mediatr_and_the_framework()
    {
        var references = typeof(NpsCloud.Contracts.IIntegrationEvent).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name is "MediatR" or "netstandard" || name.StartsWith("System"), name));
    }

    [Fact]
    public void A_module_exposes_only_its_registration_entry()
    {
        foreach (var module in Modules)
        {
            var name = module.GetName().Name!["NpsCloud.".Length..];
            var exported = module.GetExportedTypes().Select(t => t.FullName).ToList();

            Assert.Equal([$"NpsCloud.{name}.{name}Module"], exported);
        }
    }

    private static List<string> ModuleReferenceViolations(IEnumerable<Assembly> assemblies)
    {
        var moduleNames = Modules.Select(m => m.GetName().Name!).ToHashSet();
        return assemblies
            .SelectMany(a => a.GetReferencedAssemblies()
                .Where(r => moduleNames.Contains(r.Name!) && r.Name != a.GetName().Name)
                .Select(r => $"{a.GetName().Name} -> {r.Name}"))
            .ToList();
    }
}
