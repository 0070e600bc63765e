using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Testing;

/// <summary>
/// The data protection key file test hosts use: a temporary file of this test run (mode 600), removed
/// when the run ends. A test that needs a different one writes its own with <see cref="Create"/>.
/// </summary>
public static class TestKeyFile
{
    private static readonly Lazy<string> Shared = new(() =>
    {
        var path = Create();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(path);
        return path;
    });

    public static string Path => Shared.Value;

    /// <summary>A new key file with one fresh key, in its own temporary folder.</summary>
    public static string Create(string? text = null)
    {
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("nps-test-key-").FullName, "data-protection.key");
        File.WriteAllText(path, text ?? DataProtectionKeyFile.NewFileText());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public static void Delete(string path)
    {
        try { Directory.Delete(System.IO.Path.GetDirectoryName(path)!, recursive: true); } catch (IOException) { }
    }
}
