using LegalBot.Store.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Store.Tests;

public sealed class SqliteUserSettingsStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TimeZone_IsKeptPerPerson_AndSurvivesReopening()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        var store = new SqliteUserSettingsStore(_database.Open(), time);

        Assert.Null(await store.GetTimeZoneAsync("aad-requester"));
        await store.SaveTimeZoneAsync("aad-requester", "Europe/Berlin");
        await store.SaveTimeZoneAsync("aad-counsel", "America/New_York");
        await store.SaveTimeZoneAsync("AAD-REQUESTER", "Asia/Tokyo");

        var reopened = new SqliteUserSettingsStore(_database.Open(), time);
        Assert.Equal("Asia/Tokyo", await reopened.GetTimeZoneAsync("aad-requester"));
        Assert.Equal("America/New_York", await reopened.GetTimeZoneAsync("aad-counsel"));
        Assert.Null(await reopened.GetTimeZoneAsync("aad-nobody"));
    }
}
