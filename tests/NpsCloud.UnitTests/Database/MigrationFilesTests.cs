using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.UnitTests.Database;

public sealed class MigrationFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nps-migrations-").FullName;

    [Fact]
    public void Files_are_ordered_by_their_number_not_by_their_name()
    {
        Write("0010_later.sql", "select 10;");
        Write("0002_second.sql", "select 2;");
        Write("0001_first.sql", "select 1;");

        var files = SqlMigrator.ReadMigrationFiles(_directory);

        Assert.Equal(["0001_first.sql", "0002_second.sql", "0010_later.sql"], files.Select(f => f.Name));
        Assert.Equal([1, 2, 10], files.Select(f => f.Version));
    }

    [Fact]
    public void Two_files_with_one_number_are_refused()
    {
        Write("0003_a.sql", "select 1;");
        Write("0003_b.sql", "select 2;");

        var refused = Assert.Throws<MigrationFailedException>(() => SqlMigrator.ReadMigrationFiles(_directory));
        Assert.Contains("0003_a.sql", refused.Message);
        Assert.Contains("0003_b.sql", refused.Message);
    }

    [Fact]
    public void A_file_not_named_by_number_is_refused_by_name()
    {
        Write("add_things.sql", "select 1;");

        var refused = Assert.Throws<MigrationFailedException>(() => SqlMigrator.ReadMigrationFiles(_directory));
        Assert.Contains("add_things.sql", refused.Message);
    }

    [Fact]
    public void The_checksum_ignores_line_endings_but_not_content()
    {
        var unix = new MigrationFile(1, "0001_a.sql", "create table t (id int);\nselect 1;\n");
        var windows = new MigrationFile(1, "0001_a.sql", "create table t (id int);\r\nselect 1;\r\n");
        var edited = new MigrationFile(1, "0001_a.sql", "create table t (id bigint);\nselect 1;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    private void Write(string name, string sql) => File.WriteAllText(Path.Combine(_directory, name), sql);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
