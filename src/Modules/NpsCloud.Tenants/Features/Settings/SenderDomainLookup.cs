using DnsClient;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>The TXT records at a DNS name, behind an interface so tests answer it without the network.</summary>
internal interface ISenderDomainLookup
{
    Task<IReadOnlyList<string>> TxtRecordsAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Asks the host's resolvers (DnsClient); a name without records or a failed lookup answers none.</summary>
internal sealed class DnsSenderDomainLookup : ISenderDomainLookup
{
    private readonly LookupClient _client = new(new LookupClientOptions { UseCache = false, Timeout = TimeSpan.FromSeconds(5), Retries = 1 });

    public async Task<IReadOnlyList<string>> TxtRecordsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
            // A long value may be split into several strings of one record: they are one value joined.
            return answer.Answers.TxtRecords().Select(record => string.Concat(record.Text)).ToList();
        }
        catch (DnsResponseException)
        {
            return [];
        }
    }
}
