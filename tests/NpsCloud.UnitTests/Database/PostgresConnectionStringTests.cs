using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.UnitTests.Database;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string()
    {
        var normalized = new NpgsqlConnectionStringBuilder(
            PostgresConnectionString.Normalize("postgres://nps%40app:p%3Ass@db.internal:6432/npscloud?sslmode=require"));

        Assert.Equal("db.internal", normalized.Host);
        Assert.Equal(6432, normalized.Port);
        Assert.Equal("npscloud", normalized.Database);
        Assert.Equal("nps@app", normalized.Username);
        Assert.Equal("p:ss", normalized.Password);
        Assert.Equal(SslMode.Require, normalized.SslMode);
    }

    [Fact]
    public void A_url_without_a_port_uses_5432()
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgresql://app@localhost/nps"));

        Assert.Equal(5432, normalized.Port);
        Assert.Equal("app", normalized.Username);
    }

    [Fact]
    public void A_keyword_connection_string_is_kept()
    {
        var normalized = new NpgsqlConnectionStringBuilder(
            PostgresConnectionString.Normalize("Host=127.0.0.1;Port=55432;Database=npscloud;Username=nps_app;Password=x"));

        Assert.Equal(55432, normalized.Port);
        Assert.Equal("nps_app", normalized.Username);
    }
}
