using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using MediatR;

namespace NpsCloud.ArchitectureTests;

/// <summary>
/// What the shape rules need to know about a module's compiled code, read with plain reflection and the
/// portable PDB next to the assembly (no Roslyn, no NetArchTest, which the feed lacks): where each type's
/// code comes from, which messages each handler handles, and which of the module's types each type uses,
/// signatures and method bodies (IL) both.
/// </summary>
internal sealed class ModuleCode
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private ModuleCode(Assembly assembly, string rootNamespace, string sourceMarker)
    {
        Assembly = assembly;
        RootNamespace = rootNamespace;
        SourceMarker = sourceMarker;
        Types = assembly.GetTypes().Where(t => t.Namespace is { } ns && (ns == rootNamespace || ns.StartsWith(rootNamespace + "."))).ToList();
        Files = ReadSourceFiles();
    }

    public Assembly Assembly { get; }

    /// <summary><c>NpsCloud.Surveys</c>: the namespace every folder's namespace starts with.</summary>
    public string RootNamespace { get; }

    /// <summary>The part of a source path up to the module's folder (<c>src/Modules/NpsCloud.Surveys/</c>).</summary>
    private string SourceMarker { get; }

    /// <summary>The module's own types (nested ones included), without generated Razor documents.</summary>
    public IReadOnlyList<Type> Types { get; }

    /// <summary>Each type's source files, relative to the module's folder, '/'-separated.</summary>
    public IReadOnlyDictionary<Type, IReadOnlySet<string>> Files { get; }

    public static ModuleCode Of(Assembly module)
    {
        var name = module.GetName().Name!;
        return new ModuleCode(module, name, $"src/Modules/{name}/");
    }

    /// <summary>For the rules' own tests: a namespace of another assembly, laid out as a module would be.</summary>
    public static ModuleCode Of(Assembly assembly, string rootNamespace, string sourceFolder) =>
        new(assembly, rootNamespace, sourceFolder.TrimEnd('/') + "/");

    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    /// <summary>The top-level folder a type lives in, from its namespace (<c>Features</c>, <c>Sending</c>), or "" at the module's root.</summary>
    public string FolderOf(Type type)
    {
        var ns = Outermost(type).Namespace!;
        return ns == RootNamespace ? "" : ns[(RootNamespace.Length + 1)..].Split('.')[0];
    }

    /// <summary>The folders under the top-level one (<c>Features.Contacts</c>), or the top-level folder alone.</summary>
    public string AreaOf(Type type)
    {
        var ns = Outermost(type).Namespace!;
        return ns == RootNamespace ? "" : string.Join('.', ns[(RootNamespace.Length + 1)..].Split('.').Take(2));
    }

    /// <summary>The MediatR messages a type handles itself (requests and notifications), none when it is no handler.</summary>
    public static IReadOnlyList<Type> MessagesHandledBy(Type type)
    {
        if (type.IsAbstract || type.IsGenericTypeDefinition) return [];
        return type.GetInterfaces()
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToList();
    }

    public IEnumerable<Type> Handlers => Types.Where(t => MessagesHandledBy(t).Count > 0);

    /// <summary>The module's own outermost types that <paramref name="type"/> (with its nested and compiler-made types) uses.</summary>
    public IReadOnlySet<Type> TypesUsedBy(Type type)
    {
        var used = new HashSet<Type>();
        foreach (var member in Types.Where(t => Outermost(t) == type))
        {
            AddSignatureTypes(member, used);
            foreach (var method in member.GetMethods(Declared).Cast<MethodBase>().Concat(member.GetConstructors(Declared)))
            {
                AddBodyTypes(method, used);
            }
        }

        used.RemoveWhere(t => t.Assembly != Assembly || Outermost(t) == type || Outermost(t).Namespace is not { } ns || !(ns == RootNamespace || ns.StartsWith(RootNamespace + ".")));
        return used.Select(Outermost).ToHashSet();
    }

    private static void AddSignatureTypes(Type type, HashSet<Type> used)
    {
        AddType(type.BaseType, used);
        foreach (var implemented in type.GetInterfaces()) AddType(implemented, used);
        foreach (var field in type.GetFields(Declared)) AddType(field.FieldType, used);
        foreach (var property in type.GetProperties(Declared)) AddType(property.PropertyType, used);
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) AddType(info.ReturnType, used);
            foreach (var parameter in method.GetParameters()) AddType(parameter.ParameterType, used);
        }
    }

    private static void AddType(Type? type, HashSet<Type> used)
    {
        if (type is null || type.IsGenericParameter) return;
        if (type.HasElementType)
        {
            AddType(type.GetElementType(), used);
            return;
        }

        if (!used.Add(type)) return;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments()) AddType(argument, used);
        }
    }

    /// <summary>The types a method body names: the owners of the methods and fields it touches and the types it creates, casts or loads.</summary>
    private static void AddBodyTypes(MethodBase method, HashSet<Type> used)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return;
        var typeArguments = method.DeclaringType is { IsGenericType: true } owner ? owner.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;

        for (var at = 0; at < il.Length;)
        {
            short value = il[at++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    try
                    {
                        switch (method.Module.ResolveMember(token, typeArguments, methodArguments))
                        {
                            case Type named: AddType(named, used); break;
                            case MethodBase called:
                                AddType(called.DeclaringType, used);
                                if (called.IsGenericMethod) foreach (var argument in called.GetGenericArguments()) AddType(argument, used);
                                break;
                            case FieldInfo field: AddType(field.DeclaringType, used); break;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token of a generic context this walk does not reconstruct: signatures above still see its types.
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private Dictionary<Type, IReadOnlySet<string>> ReadSourceFiles()
    {
        using var stream = File.OpenRead(Path.ChangeExtension(Assembly.Location, ".pdb"));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        var pdb = provider.GetMetadataReader();
        var files = new Dictionary<Type, IReadOnlySet<string>>();
        foreach (var type in Types.GroupBy(Outermost))
        {
            var found = new HashSet<string>();
            foreach (var method in type.SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared))))
            {
                if (method.Module != Assembly.ManifestModule) continue;
                var debug = pdb.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(method.MetadataToken));
                foreach (var point in debug.GetSequencePoints())
                {
                    if (point.IsHidden || point.Document.IsNil) continue;
                    var path = pdb.GetString(pdb.GetDocument(point.Document).Name).Replace('\\', '/');
                    var at = path.IndexOf(SourceMarker, StringComparison.Ordinal);
                    // Code that source generators write (under obj/) belongs to the type's own file.
                    if (at >= 0 && !path[(at + SourceMarker.Length)..].StartsWith("obj/", StringComparison.Ordinal)) found.Add(path[(at + SourceMarker.Length)..]);
                }
            }

            foreach (var member in type) files[member] = found;
        }

        return files;
    }
}
