using LegalBot.Core.Stores;
using LegalBot.State;
using LegalBot.Store.Sqlite;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Newtonsoft.Json.Linq;

namespace LegalBot.Tests.State;

/// <summary>Bot Builder storage over the SQLite store backend's <c>IStateStore</c>, on a real database file.</summary>
public sealed class StoreBackedStorageTests : IDisposable
{
    // Teams conversation ids are long and full of punctuation.
    private const string TeamsConversationId =
        "a:1Xq8Kz-_Lmn0pQrStUvWxYz0123456789abcdefGHIJKLmnopQRSTuvwxyz;messageid=1732540000000";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 8, 30, 0, TimeSpan.Zero));

    private string FilePath => Path.Combine(_folder, "data", "legalbot.db");

    public void Dispose()
    {
        using (var pooled = new SqliteConnection(NewDatabase().ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Read_ReturnsOnlyTheKeysFound()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["present"] = new Note { Text = "hello" } });

        var items = await storage.ReadAsync(["present", "missing"]);

        var item = Assert.Single(items);
        Assert.Equal("present", item.Key);
        Assert.Equal("hello", Assert.IsType<JObject>(item.Value)["Text"]?.Value<string>());
    }

    [Fact]
    public async Task Read_NoKeys_ReturnsEmpty()
    {
        Assert.Empty(await NewStorage().ReadAsync([]));
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsLongKeysWithAnyCharacters()
    {
        var storage = NewStorage();
        var keys = new[]
        {
            "msteams/conversations/" + TeamsConversationId,
            "msteams/users/29:1abc'; DROP TABLE bot_state; --",
            "ключ/键/🔑 \"quoted\" \\ back\\slash %_ wildcards",
            new string('k', 4000),
        };
        var changes = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => (object)new Note { Text = "value " + p.i });

        await storage.WriteAsync(changes);
        var items = await NewStorage().ReadAsync(keys);

        Assert.Equal(keys.Length, items.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal("value " + i, ((JObject)items[keys[i]])["Text"]?.Value<string>());
        }
    }

    [Fact]
    public async Task Write_PlainValues_LastWriteWins_AndStampsUpdatedAt()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "first" } });
        _time.Advance(TimeSpan.FromMinutes(5));

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "second" } });

        var item = (JObject)(await storage.ReadAsync(["k"]))["k"];
        Assert.Equal("second", item["Text"]?.Value<string>());
        Assert.Equal(_time.GetUtcNow().ToString("o"), await ScalarAsync("SELECT updated_at FROM bot_state WHERE key = 'k';"));
    }

    [Fact]
    public async Task Write_NeverStoresTypeNames()
    {
        var storage = NewStorage();

        await storage.WriteAsync(new Dictionary<string, object>
        {
            ["k"] = new Dictionary<string, object> { ["dialog"] = new DialogSnapshot { Step = "ask-title" } },
        });

        var json = (string?)await ScalarAsync("SELECT json FROM bot_state WHERE key = 'k';");
        Assert.NotNull(json);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Contains("ask-title", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_StoredTypeNames_AreNotHonoured()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "x" } });
        await ScalarAsync("""
            UPDATE bot_state SET json = '{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"/etc/passwd"}'
            WHERE key = 'k';
            """);

        var value = (await storage.ReadAsync(["k"]))["k"];

        var json = Assert.IsType<JObject>(value);
        Assert.Equal("System.IO.FileInfo, System.IO.FileSystem", json["$type"]?.Value<string>());
    }

    [Fact]
    public async Task Delete_RemovesKeys_AndIgnoresUnknownOnes()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object>
        {
            ["a"] = new Note { Text = "a" },
            ["b"] = new Note { Text = "b" },
        });

        await storage.DeleteAsync(["a", "never-written"]);

        var items = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(["b"], items.Keys);
    }

    [Fact]
    public async Task Write_StoreItemWithCurrentETag_Succeeds_AndGetsANewETag()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v1" } });
        var first = await ReadNoteAsync(storage, "k");

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v2", ETag = first.ETag } });
        var second = await ReadNoteAsync(storage, "k");

        Assert.False(string.IsNullOrEmpty(first.ETag));
        Assert.False(string.IsNullOrEmpty(second.ETag));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("v2", second.Text);
    }

    [Fact]
    public async Task Write_StoreItemWithStaleETag_ThrowsEtagConflict_AndKeepsTheStoredValue()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v1" } });
        var stale = await ReadNoteAsync(storage, "k");
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v2", ETag = stale.ETag } });
        var current = await ReadNoteAsync(storage, "k");

        var exception = await Assert.ThrowsAsync<EtagConflictException>(() => storage.WriteAsync(
            new Dictionary<string, object> { ["k"] = new Note { Text = "lost update", ETag = stale.ETag } }));

        Assert.Equal($"Etag conflict. Original: {stale.ETag} Current: {current.ETag}", exception.Message);
        Assert.Equal("k", Assert.IsType<StateConflictException>(exception.InnerException).Key);
        Assert.Equal("v2", (await ReadNoteAsync(NewStorage(), "k")).Text);
    }

    [Theory]
    [InlineData("*")]
    [InlineData(null)]
    [InlineData("")]
    public async Task Write_StoreItemWithWildcardOrNoETag_LastWriteWins(string? etag)
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v1" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v2", ETag = etag } });

        Assert.Equal("v2", (await ReadNoteAsync(storage, "k")).Text);
    }

    [Fact]
    public async Task Write_JObjectReadBack_CarriesItsETag_AndIsCheckedToo()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v1" } });
        var readBack = (JObject)(await storage.ReadAsync(["k"]))["k"];
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v2", ETag = readBack["ETag"]?.Value<string>() } });

        readBack["Text"] = "stale copy";
        var exception = await Assert.ThrowsAnyAsync<Exception>(
            () => storage.WriteAsync(new Dictionary<string, object> { ["k"] = readBack }));

        Assert.Contains("Etag conflict", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ARowSavedByThePreviousVersion_ReturnsItsETag_WhichAWriteCanUse()
    {
        // The previous version kept the etag both in the column and in the JSON of an IStoreItem.
        await NewStorage().ReadAsync(["create the schema"]);
        await ScalarAsync("""
            INSERT INTO bot_state (key, etag, json, updated_at)
            VALUES ('k', 'old-etag', '{"Text":"saved before","ETag":"old-etag"}', '2025-03-01T08:00:00.0000000+00:00');
            """);
        var storage = NewStorage();

        var before = await ReadNoteAsync(storage, "k");
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "after", ETag = before.ETag } });

        Assert.Equal("saved before", before.Text);
        Assert.Equal("old-etag", before.ETag);
        var after = await ReadNoteAsync(storage, "k");
        Assert.Equal("after", after.Text);
        Assert.NotEqual("old-etag", after.ETag);
    }

    [Fact]
    public async Task Write_BatchWithAConflict_WritesNothing()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v1" } });
        var stale = await ReadNoteAsync(storage, "k");
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "v2", ETag = stale.ETag } });

        await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["other"] = new Note { Text = "written first in the batch" },
            ["k"] = new Note { Text = "conflicting", ETag = stale.ETag },
        }));

        Assert.Empty(await storage.ReadAsync(["other"]));
        Assert.Equal("v2", (await ReadNoteAsync(storage, "k")).Text);
    }

    [Fact]
    public async Task ConversationState_RoundTripsAPoco_ThroughANewStorageOnTheSameFile()
    {
        var saved = new DialogSnapshot
        {
            Step = "confirm",
            Attempts = 2,
            StartedAt = new DateTimeOffset(2025, 3, 3, 9, 15, 30, TimeSpan.FromHours(5.5)).AddTicks(1_234_567),
            DueDate = new DateOnly(2025, 4, 1),
            Priority = SnapshotPriority.Urgent,
            Answers = new Dictionary<string, string> { ["title"] = "NDA « Müller » 🚀", ["counterparty"] = "O'Brien \"Ltd\"" },
            Visited = ["ask-type", "ask-title"],
            Card = new CardReference { ActivityId = "1:abc", ConversationId = TeamsConversationId },
            LooksLikeADate = "2025-03-03T09:15:30+05:30",
        };

        using (var firstTurn = NewTurn())
        {
            var state = new ConversationState(NewStorage());
            var dialog = state.CreateProperty<DialogSnapshot>("dialog");
            var counter = state.CreateProperty<int>("counter");
            await dialog.SetAsync(firstTurn, saved);
            await counter.SetAsync(firstTurn, 41);
            await state.SaveChangesAsync(firstTurn);
        }

        using var secondTurn = NewTurn();
        var reloadedState = new ConversationState(NewStorage());
        var reloaded = await reloadedState.CreateProperty<DialogSnapshot>("dialog").GetAsync(secondTurn, () => new DialogSnapshot());
        var reloadedCounter = await reloadedState.CreateProperty<int>("counter").GetAsync(secondTurn, () => 0);

        Assert.Equal(41, reloadedCounter);
        Assert.Equal(saved.Step, reloaded.Step);
        Assert.Equal(saved.Attempts, reloaded.Attempts);
        Assert.True(reloaded.StartedAt.EqualsExact(saved.StartedAt), $"StartedAt was {reloaded.StartedAt:o}");
        Assert.Equal(saved.DueDate, reloaded.DueDate);
        Assert.Equal(saved.Priority, reloaded.Priority);
        Assert.Equal(saved.Answers, reloaded.Answers);
        Assert.Equal(saved.Visited, reloaded.Visited);
        Assert.Equal(saved.Card, reloaded.Card);
        Assert.Equal(saved.LooksLikeADate, reloaded.LooksLikeADate);
    }

    [Fact]
    public async Task ConversationState_AfterReload_ChangesToAGotValueNeedSetAsync()
    {
        // BotState hands out a fresh copy of a reloaded value on each GetAsync, so an in-place change
        // is lost unless the property is set again. The conversation layer must always call SetAsync.
        using (var turn = NewTurn())
        {
            var state = new ConversationState(NewStorage());
            await state.CreateProperty<DialogSnapshot>("dialog").SetAsync(turn, new DialogSnapshot { Step = "start" });
            await state.SaveChangesAsync(turn);
        }

        using (var turn = NewTurn())
        {
            var state = new ConversationState(NewStorage());
            var accessor = state.CreateProperty<DialogSnapshot>("dialog");
            var unsetCopy = await accessor.GetAsync(turn, () => new DialogSnapshot());
            unsetCopy.Step = "changed without SetAsync";
            Assert.Equal("start", (await accessor.GetAsync(turn, () => new DialogSnapshot())).Step);

            var copy = await accessor.GetAsync(turn, () => new DialogSnapshot());
            copy.Step = "changed with SetAsync";
            await accessor.SetAsync(turn, copy);
            await state.SaveChangesAsync(turn);
        }

        using var last = NewTurn();
        var reloaded = await new ConversationState(NewStorage()).CreateProperty<DialogSnapshot>("dialog")
            .GetAsync(last, () => new DialogSnapshot());
        Assert.Equal("changed with SetAsync", reloaded.Step);
    }

    [Fact]
    public async Task ConversationState_Delete_RemovesTheConversationsState()
    {
        using (var turn = NewTurn())
        {
            var state = new ConversationState(NewStorage());
            await state.CreateProperty<int>("counter").SetAsync(turn, 7);
            await state.SaveChangesAsync(turn);
            await state.DeleteAsync(turn);
        }

        using var next = NewTurn();
        var counter = await new ConversationState(NewStorage()).CreateProperty<int>("counter").GetAsync(next, () => -1);
        Assert.Equal(-1, counter);
    }

    [Fact]
    public async Task AddBotState_OverTheSqliteStore_RegistersPrivateConversationStateOnTheSqliteFile()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteRequestStore(new ConfigurationBuilder().Build(), FilePath);
        services.AddBotState();
        await using var provider = await SaveACounterAsync(services);

        Assert.IsType<StoreBackedStorage>(provider.GetRequiredService<IStorage>());
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM bot_state WHERE key LIKE 'msteams/conversations/%/users/29:user';"));
    }

    [Fact]
    public async Task AddBotState_NeedsOnlyAStateStore_AndSavesAConversationsStateWithoutACondition()
    {
        IReadOnlyCollection<StateWrite>? written = null;
        var store = new Mock<IStateStore>(MockBehavior.Strict);
        store.Setup(s => s.ReadAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        store.Setup(s => s.WriteAsync(It.IsAny<IReadOnlyCollection<StateWrite>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<StateWrite>, CancellationToken>((writes, _) => written = writes)
            .ReturnsAsync(new Dictionary<string, string>());
        var services = new ServiceCollection();
        services.AddSingleton(store.Object);
        services.AddBotState();
        await using var provider = await SaveACounterAsync(services);

        var write = Assert.Single(written!);
        Assert.Equal($"msteams/conversations/{TeamsConversationId}/users/29:user", write.Key);
        Assert.Null(write.ExpectedETag);
        Assert.Equal(3, JObject.Parse(write.Json)["counter"]?.Value<int>());
    }

    /// <summary>Builds the services (checking every registration) and saves counter = 3 through their PrivateConversationState.</summary>
    private static async Task<ServiceProvider> SaveACounterAsync(ServiceCollection services)
    {
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var conversationState = provider.GetRequiredService<PrivateConversationState>();
        using var turn = NewTurn();
        await conversationState.CreateProperty<int>("counter").SetAsync(turn, 3);
        await conversationState.SaveChangesAsync(turn);
        return provider;
    }

    private static TurnContext NewTurn() => new(
        new TestAdapter("msteams"),
        new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: TeamsConversationId),
            From = new ChannelAccount("29:user", "User", aadObjectId: "aad-user"),
            Recipient = new ChannelAccount("28:bot", "LegalBot"),
            Text = "hi",
        });

    private SqliteDatabase NewDatabase() =>
        new(Options.Create(new SqliteStoreOptions { Path = FilePath }), NullLogger<SqliteDatabase>.Instance);

    // A new database object each time: nothing is shared in memory between "restarts".
    private StoreBackedStorage NewStorage() =>
        new(new SqliteStateStore(NewDatabase(), _time, NullLogger<SqliteStateStore>.Instance));

    private static async Task<Note> ReadNoteAsync(StoreBackedStorage storage, string key) =>
        ((JObject)(await storage.ReadAsync([key]))[key]).ToObject<Note>()!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await NewDatabase().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }

    public enum SnapshotPriority
    {
        Normal,
        Urgent,
    }

    public sealed record CardReference
    {
        public string? ActivityId { get; init; }

        public string? ConversationId { get; init; }
    }

    public sealed class DialogSnapshot
    {
        public string? Step { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset StartedAt { get; set; }

        public DateOnly? DueDate { get; set; }

        public SnapshotPriority Priority { get; set; }

        public Dictionary<string, string> Answers { get; set; } = [];

        public List<string> Visited { get; set; } = [];

        public CardReference? Card { get; set; }

        public string? LooksLikeADate { get; set; }
    }
}
