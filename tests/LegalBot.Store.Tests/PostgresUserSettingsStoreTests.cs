using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Store.Tests;

public sealed class PostgresUserSettingsStoreTests : IAsyncLifetime
{
    private readonly List<PostgresDatabase> _opened = [];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresTestServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        await PostgresTestServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task TimeZone_IsKeptPerPerson_AndSurvivesReopening()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        var store = new PostgresUserSettingsStore(Open(), time);

        Assert.Null(await store.GetTimeZoneAsync("aad-requester"));
        await store.SaveTimeZoneAsync("aad-requester", "Europe/Berlin");
        await store.SaveTimeZoneAsync("aad-counsel", "America/New_York");
        await store.SaveTimeZoneAsync("AAD-REQUESTER", "Asia/Tokyo");

        var reopened = new PostgresUserSettingsStore(Open(), time);
        Assert.Equal("Asia/Tokyo", await reopened.GetTimeZoneAsync("aad-requester"));
        Assert.Equal("America/New_York", await reopened.GetTimeZoneAsync("aad-counsel"));
        Assert.Null(await reopened.GetTimeZoneAsync("aad-nobody"));
    }

    private PostgresDatabase Open()
    {
        var database = new PostgresDatabase(
            Options.Create(new PostgresStoreOptions { ConnectionString = _connectionString }), NullLogger<PostgresDatabase>.Instance);
        _opened.Add(database);
        return database;
    }
}
