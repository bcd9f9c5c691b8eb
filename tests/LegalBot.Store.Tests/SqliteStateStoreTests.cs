using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LegalBot.Store.Tests;

public sealed class SqliteStateStoreTests : StateStoreContract<SqliteBackend>
{
    private TempDatabase Database => Backend.Database;

    [Fact]
    public async Task Write_StampsUpdatedAtInUtc()
    {
        Time.Advance(TimeSpan.FromMinutes(5));

        await Store.WriteAsync([new StateWrite("k", "{}")]);

        Assert.Equal("2025-03-03T08:35:00.0000000+00:00", await Database.ExecuteScalarAsync("SELECT updated_at FROM bot_state WHERE key = 'k';"));
    }

    [Fact]
    public async Task Write_Conflict_IsLoggedWithItsEventId_AndNeitherTheKeyNorTheJson()
    {
        var log = new ListLogger<SqliteStateStore>();
        var store = new SqliteStateStore(Database.Open(), Time, log);
        var stale = (await store.WriteAsync([new StateWrite("msteams/users/29:secret-key", """{"text":"privileged"}""")]))["msteams/users/29:secret-key"];
        await store.WriteAsync([new StateWrite("msteams/users/29:secret-key", "{}")]);

        await Assert.ThrowsAsync<StateConflictException>(
            () => store.WriteAsync([new StateWrite("msteams/users/29:secret-key", """{"text":"privileged"}""", stale)]));

        var entry = Assert.Single(log.Entries);
        Assert.Equal(4040, entry.EventId.Id);
        Assert.DoesNotContain("secret-key", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("privileged", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DatabaseWithTheBotStateTableTheHostCreated_KeepsItsRows_AndGivesEachAnEtag()
    {
        // Before schema 11 the host created bot_state itself, beside the migrations; IStoreItem values had an
        // etag, plain BotState values (a conversation's dialog stack) none.
        await Database.CreateAtSchemaAsync(10, """
                CREATE TABLE IF NOT EXISTS bot_state (
                    key         TEXT NOT NULL PRIMARY KEY,
                    etag        TEXT NULL,
                    json        TEXT NOT NULL,
                    updated_at  TEXT NOT NULL
                ) STRICT;
                INSERT INTO bot_state (key, etag, json, updated_at) VALUES
                    ('msteams/conversations/a:1/users/29:1', NULL, '{"DialogState":{"stack":"in progress"}}', '2025-03-01T08:00:00.0000000+00:00'),
                    ('item', 'old-etag', '{"Text":"kept","ETag":"old-etag"}', '2025-03-01T08:00:00.0000000+00:00');
                """);

        var documents = (await Store.ReadAsync(["msteams/conversations/a:1/users/29:1", "item"])).ToDictionary(d => d.Key);

        Assert.Equal((long)SqliteDatabase.SchemaVersion, await Database.ExecuteScalarAsync("PRAGMA user_version;"));
        var dialog = documents["msteams/conversations/a:1/users/29:1"];
        Assert.Equal("""{"DialogState":{"stack":"in progress"}}""", dialog.Json);
        Assert.False(string.IsNullOrEmpty(dialog.ETag));
        Assert.Equal("""{"Text":"kept","ETag":"old-etag"}""", documents["item"].Json);
        Assert.Equal("old-etag", documents["item"].ETag);

        await Store.WriteAsync([new StateWrite("item", "{}", "old-etag"), new StateWrite(dialog.Key, "{}", dialog.ETag)]);
        Assert.Equal(2, (await Store.ReadAsync(["item", dialog.Key])).Count(d => d.Json == "{}"));
    }

    [Fact]
    public async Task Open_DatabaseWithoutTheBotStateTable_CreatesIt()
    {
        await Database.CreateAtSchemaAsync(10);

        await Store.WriteAsync([new StateWrite("k", "{}")]);

        Assert.Equal(1L, await Database.ExecuteScalarAsync("SELECT COUNT(*) FROM bot_state;"));
    }

    [Fact]
    public async Task AddSqliteRequestStore_RegistersTheStateStore_OnTheSameDatabase()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteRequestStore(new ConfigurationBuilder().Build(), Database.FilePath);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var store = provider.GetRequiredService<IStateStore>();
        await store.WriteAsync([new StateWrite("k", "{}")]);

        Assert.IsType<SqliteStateStore>(store);
        Assert.Equal(1L, await Database.ExecuteScalarAsync("SELECT COUNT(*) FROM bot_state WHERE key = 'k';"));
    }
}
