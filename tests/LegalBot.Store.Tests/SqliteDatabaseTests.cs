namespace LegalBot.Store.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteConnections_OneAtATime_TheNextWhenTheFirstIsDisposed()
    {
        var database = _database.Open();
        var first = await database.OpenWriteConnectionAsync();

        var second = database.OpenWriteConnectionAsync();
        await using (var reader = await database.OpenConnectionAsync())
        {
            // Readers are not held up by a writer.
            Assert.Equal(System.Data.ConnectionState.Open, reader.State);
        }

        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(System.Data.ConnectionState.Open, next.State);
    }

    [Fact]
    public async Task WriteConnection_DisposedTwice_LetsExactlyOneWriterIn()
    {
        var database = _database.Open();
        var first = await database.OpenWriteConnectionAsync();
        await first.DisposeAsync();
        await first.DisposeAsync();

        var second = await database.OpenWriteConnectionAsync();
        var third = database.OpenWriteConnectionAsync();

        Assert.False(third.IsCompleted);
        await second.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }

    [Fact]
    public async Task WriteConnection_Cancelled_WhileWaiting_DoesNotTakeTheTurn()
    {
        var database = _database.Open();
        var first = await database.OpenWriteConnectionAsync();
        using var cancel = new CancellationTokenSource();

        var waiting = database.OpenWriteConnectionAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await first.DisposeAsync();
        await (await database.OpenWriteConnectionAsync().WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }

    [Fact]
    public async Task EveryConnection_HasThePragmas_AlsoWhenReusedFromThePool()
    {
        var database = _database.Open();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = i == 1 ? await database.OpenWriteConnectionAsync() : await database.OpenConnectionAsync();
            Assert.Equal(5000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;"));
        }
    }

    private static async Task<object?> ScalarAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
