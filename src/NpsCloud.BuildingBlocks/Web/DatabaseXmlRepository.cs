using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Keeps the data protection key ring in PostgreSQL (<c>platform.data_protection_keys</c>) so every host
/// of a cluster reads the cookies and antiforgery tokens the others issue, and restarts keep them valid.
/// The keys arrive here already encrypted with the operator's key file (<see cref="KeyFileXmlEncryptor"/>):
/// the database holds no key that is usable without that file.
/// </summary>
internal sealed class DatabaseXmlRepository(AppDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.DataSource.CreateCommand("select xml from platform.data_protection_keys order by created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.DataSource.CreateCommand(
            "insert into platform.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
