using Dapper;
using Npgsql;

namespace CampaignSync.Crm;

/// <summary>
/// The session advisory lock of one run, held on its own connection for as long as the run lasts. If the process
/// dies, Postgres drops the session and with it the lock, so the next run is never blocked by a dead one.
/// </summary>
internal sealed class CrmRunLock(NpgsqlConnection connection, long key) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.ExecuteAsync(CrmSql.Unlock, new { key });
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
