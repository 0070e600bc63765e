namespace NpsCloud.Testing;

/// <summary>Finds the checkout the tests run from, so they use the real migrations folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Migrations => Path.Combine(Root, "migrations");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NpsCloud.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("The tests must run from inside the NpsCloud checkout.");
    }
}
