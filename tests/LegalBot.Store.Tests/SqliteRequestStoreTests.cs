using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Tests;

public sealed class SqliteRequestStoreTests : RequestStoreContract<SqliteBackend>
{
    private const int MigrationAppliedEventId = 4001;

    private TempDatabase Database => Backend.Database;

    [Fact]
    public async Task Create_FirstRequestOnSqlite_IsLR1001()
    {
        var first = await CreateAsync();

        Assert.Equal("LR-1001", first.Number.ToString());
    }

    [Fact]
    public async Task FirstUse_CreatesTheFolderAndTheFile()
    {
        var store = Database.OpenStore();
        Assert.False(Directory.Exists(Database.Folder));

        await store.PingAsync();

        Assert.True(File.Exists(Database.FilePath));
    }

    [Fact]
    public async Task FirstUse_SetsWalJournalMode()
    {
        await Store.PingAsync();

        Assert.Equal("wal", await Database.ExecuteScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Migrations_AreAppliedOnce_AndAnExistingFileReopens()
    {
        var firstLog = new ListLogger<SqliteDatabase>();
        var first = Database.OpenStore(firstLog);
        var created = (await first.CreateAsync(NewRequest("key-1"))).Request;
        await first.PingAsync();

        var secondLog = new ListLogger<SqliteDatabase>();
        var second = Database.OpenStore(secondLog);
        var reloaded = await second.GetAsync(created.Number);
        var next = (await second.CreateAsync(NewRequest("key-2"))).Request;

        Assert.Equal(SqliteDatabase.SchemaVersion, firstLog.Entries.Count(e => e.EventId.Id == MigrationAppliedEventId));
        Assert.DoesNotContain(secondLog.Entries, e => e.EventId.Id == MigrationAppliedEventId);
        Assert.Equal((long)SqliteDatabase.SchemaVersion, await Database.ExecuteScalarAsync("PRAGMA user_version;"));
        Assert.Equal(created.Details.Title, reloaded?.Details.Title);
        Assert.Equal(created.Number.Value + 1, next.Number.Value);
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaOne_UpgradesAndKeepsItsRequests()
    {
        await using (var connection = await Database.OpenRawConnectionAsync(create: true))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Migrations.Scripts[0] + """
                PRAGMA user_version = 1;
                INSERT INTO requests (
                    submission_key, type_key, title, description, business_unit, priority, fields_json,
                    requester_aad_id, requester_name, state, created_at, updated_at, target_date, version)
                VALUES (
                    'old-key', 'nda', 'Old NDA', 'Filed before the upgrade.', 'Sales', 'Normal', '{}',
                    'aad-requester', 'Business Requester', 'Submitted', '2025-03-03T08:30:00.0000000+00:00',
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-14', 1);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var log = new ListLogger<SqliteDatabase>();
        var store = Database.OpenStore(log);
        var old = await store.FindBySubmissionKeyAsync("old-key");

        Assert.Equal(
            Enumerable.Range(2, SqliteDatabase.SchemaVersion - 1).Select(v => $"Applied SQLite schema migration {v}"),
            log.Entries.Where(e => e.EventId.Id == MigrationAppliedEventId).Select(e => e.Message));
        Assert.Equal((long)SqliteDatabase.SchemaVersion, await Database.ExecuteScalarAsync("PRAGMA user_version;"));
        Assert.NotNull(old);
        Assert.Equal("LR-1001", old.Number.ToString());
        Assert.Equal("Old NDA", old.Details.Title);
        Assert.Null(old.CompletedAt);
        Assert.Null(old.HoursSpent);
        Assert.Null(old.Rating);
        Assert.Null(old.RatingComment);
        Assert.Equal(0L, await Database.ExecuteScalarAsync("SELECT COUNT(*) FROM outbox;"));
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaTwelve_KeepsNoPausesOnlyForRequestsThatWaited_WhichAreReadFromHistory()
    {
        await using (var connection = await Database.OpenRawConnectionAsync(create: true))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = string.Concat(Migrations.Scripts.Take(12)) + """
                PRAGMA user_version = 12;
                INSERT INTO requests (
                    submission_key, type_key, title, description, business_unit, priority, fields_json,
                    requester_aad_id, requester_name, state, created_at, updated_at, target_date, version)
                VALUES
                    ('never-waited', 'nda', 'NDA', 'D', 'Sales', 'Normal', '{}', 'aad-requester', 'Business Requester', 'Submitted',
                     '2025-03-03T08:30:00.0000000+00:00', '2025-03-03T08:30:00.0000000+00:00', '2025-03-14', 1),
                    ('waited', 'nda', 'NDA', 'D', 'Sales', 'Normal', '{}', 'aad-requester', 'Business Requester', 'InTriage',
                     '2025-03-03T08:30:00.0000000+00:00', '2025-03-05T08:30:00.0000000+00:00', '2025-03-14', 3);
                INSERT INTO request_history (number, at, actor_aad_id, actor_name, action, from_state, to_state)
                VALUES (1002, '2025-03-04T08:30:00.0000000+00:00', 'aad-staff', 'Counsel', 'askForInfo', 'Submitted', 'NeedsInfo'),
                       (1002, '2025-03-05T08:30:00.0000000+00:00', 'aad-requester', 'Business Requester', 'provideInfo', 'NeedsInfo', 'InTriage');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = Database.OpenStore();

        Assert.Equal(PauseLog.None, (await store.FindBySubmissionKeyAsync("never-waited"))!.Pauses);
        Assert.Null((await store.FindBySubmissionKeyAsync("waited"))!.Pauses);
        Assert.Null((await store.GetHistoryAsync(new RequestNumber(1002)))[0].TargetDate);
    }

    [Fact]
    public async Task Open_DatabaseFromANewerRelease_Throws()
    {
        await Store.PingAsync();
        await Database.ExecuteScalarAsync("PRAGMA user_version = 99;");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Database.OpenStore().PingAsync());

        Assert.Contains("99", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_RowsCannotBeUpdatedOrDeleted()
    {
        var created = await CreateAsync();
        await using var connection = await Database.OpenRawConnectionAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE request_history SET note = 'rewritten' WHERE number = $n;";
            command.Parameters.AddWithValue("$n", created.Number.Value);
            await command.ExecuteNonQueryAsync();
        });
        var delete = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM request_history WHERE number = $n;";
            command.Parameters.AddWithValue("$n", created.Number.Value);
            await command.ExecuteNonQueryAsync();
        });

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var entry = Assert.Single(await Store.GetHistoryAsync(created.Number));
        Assert.Null(entry.Note);
    }

    [Fact]
    public async Task Requests_WithHistoryCannotBeDeleted_WhileForeignKeysAreOn()
    {
        var created = await CreateAsync();
        await using var connection = await Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; DELETE FROM requests WHERE number = $n;";
        command.Parameters.AddWithValue("$n", created.Number.Value);

        await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.NotNull(await Store.GetAsync(created.Number));
    }

    [Fact]
    public async Task Numbers_AreNeverReused_EvenAfterTheLatestRowIsRemoved()
    {
        await CreateAsync();
        var latest = await CreateAsync();
        await using (var connection = await Database.OpenRawConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM requests WHERE number = $n;";
            command.Parameters.AddWithValue("$n", latest.Number.Value);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var next = await CreateAsync();

        Assert.Null(await Store.GetAsync(latest.Number));
        Assert.Equal(latest.Number.Value + 1, next.Number.Value);
    }

    [Fact]
    public async Task RepeatedSubmission_DoesNotConsumeANumber()
    {
        var first = await CreateAsync(submissionKey: "key-1");
        await CreateAsync(submissionKey: "key-1");
        await CreateAsync(submissionKey: "key-1");

        var second = await CreateAsync(submissionKey: "key-2");

        Assert.Equal(first.Number.Value + 1, second.Number.Value);
    }

    [Fact]
    public async Task Ping_WhenADirectoryStandsInPlaceOfTheFile_Throws()
    {
        Directory.CreateDirectory(Database.FilePath);
        var store = Database.OpenStore();

        await Assert.ThrowsAsync<SqliteException>(() => store.PingAsync());
        await Assert.ThrowsAsync<SqliteException>(() => store.PingAsync());
    }

    [Fact]
    public async Task Ping_AfterTheFileBecomesUsable_Recovers()
    {
        Directory.CreateDirectory(Database.FilePath);
        var store = Database.OpenStore();
        await Assert.ThrowsAsync<SqliteException>(() => store.PingAsync());

        Directory.Delete(Database.FilePath);

        await store.PingAsync();
        Assert.True(File.Exists(Database.FilePath));
    }

    [Fact]
    public void AddSqliteRequestStore_WithoutConfiguredPath_UsesTheDefault()
    {
        using var provider = BuildProvider(new Dictionary<string, string?>());

        var store = provider.GetRequiredService<IRequestStore>();
        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;

        Assert.IsType<SqliteRequestStore>(store);
        Assert.Same(store, provider.GetRequiredService<IRequestStore>());
        Assert.Equal(Database.FilePath, options.Path);
        Assert.Equal(Database.FilePath, provider.GetRequiredService<SqliteDatabase>().FilePath);
    }

    [Fact]
    public void AddSqliteRequestStore_WithConfiguredPath_UsesIt()
    {
        var configured = Path.Combine(Database.Folder, "elsewhere", "bot.db");
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Store:Sqlite:Path"] = configured });

        Assert.Equal(configured, provider.GetRequiredService<SqliteDatabase>().FilePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddSqliteRequestStore_WithBlankConfiguredPath_FailsNamingTheKey(string path)
    {
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Store:Sqlite:Path"] = path });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);

        Assert.Contains("Store:Sqlite:Path", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithBlankConfiguredPath_FailsBeforeAnyRequest()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Sqlite:Path"] = "" });
        builder.Services.AddSqliteRequestStore(builder.Configuration, Database.FilePath);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Store:Sqlite:Path", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Database.Folder));
    }

    private ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSqliteRequestStore(configuration, Database.FilePath);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
