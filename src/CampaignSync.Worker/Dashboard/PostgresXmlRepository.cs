using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CampaignSync.Dashboard;

/// <summary>
/// The Data Protection key ring in <c>campaign_sync.data_protection_key</c> (migration 0011), shared by every replica.
/// The framework hands over each key already encrypted with the <see cref="KeyRingOptions"/> certificate and reads the
/// ring again when it needs a key it does not know, so a replica accepts tokens protected with another's new key.
/// The interface is synchronous; each call is one short statement.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("select xml from campaign_sync.data_protection_key order by id")
            .Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("insert into campaign_sync.data_protection_key (friendly_name, xml) values (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
