using System.Text.Json;
using LegalBot.Application;
using LegalBot.Cards;
using LegalBot.Cards.Model;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LegalBot.Conversations.Tests;

/// <summary>
/// One user's conversation with the engine. Between turns the dialog state is serialized and read
/// back, as the host persists it, so every test also proves the state survives a restart.
/// </summary>
public sealed class Conversation
{
    public static readonly DateOnly Today = new(2026, 11, 26);
    public static readonly Person User = new("aad-requester", "Requester");
    public static readonly Person Staff = new("aad-staff", "Staff");

    private ServiceProvider provider;
    private string stateJson = JsonSerializer.Serialize(new LbDialogState());

    private readonly Action<IServiceCollection>? configure;

    /// <param name="configure">Registers more services after the engine's own (an intent written for a test).</param>
    public Conversation(Person? user = null, int maxRetries = 3, string? savedState = null, Action<IServiceCollection>? configure = null)
    {
        stateJson = savedState ?? stateJson;
        this.configure = configure;
        Person = user ?? User;
        MaxRetries = maxRetries;
        provider = Build();
    }

    public Person Person { get; }

    public int MaxRetries { get; }

    public Mock<IRequestStore> Store { get; } = new(MockBehavior.Strict);

    /// <summary>The metrics' facts: strict, as no conversation here reads them unless a test says so.</summary>
    public Mock<IRequestFacts> Facts { get; } = new(MockBehavior.Strict);

    /// <summary>The outbox side: loose, since intake only reads from it for the request card.</summary>
    public Mock<INotificationStore> Workflow { get; } = new();

    /// <summary>Knows no one's time zone: everyone gets the default.</summary>
    public Mock<IUserSettingsStore> UserSettings { get; } = new();

    /// <summary>Bot state beyond the dialog's: where exports offered on a consent card wait for the Accept.</summary>
    public Mock<IStateStore> BotState { get; } = new();

    public LbDialogState State => JsonSerializer.Deserialize<LbDialogState>(stateJson)!;

    /// <summary>The saved state as JSON, as the host stores it under "dialog".</summary>
    public string StateJson
    {
        get => stateJson;
        init => stateJson = value;
    }

    /// <summary>A filing is in progress.</summary>
    public bool IsActive => State.DialogStack.Count > 0;

    public string? DraftId => IntakeDialog.DraftIdOf(State);

    public string? TypeKey => IntakeDialog.DraftOf(State).TypeKey;

    public IReadOnlyDictionary<string, string> Values => IntakeDialog.DraftOf(State).Values;

    /// <summary>The field the pending question asks for, if a question is pending.</summary>
    public FieldDefinition? PendingField => State.DialogStack.LastOrDefault() is { } top && top.Id != IntakeDialog.DialogId
        ? LbPromptState.OptionsOf(top).Validations
        : null;

    public static CatalogOptions Catalog() => new()
    {
        BusinessUnits = ["Sales", "Marketing", "Engineering"],
        Types =
        [
            new RequestType
            {
                Key = "nda",
                Name = "NDA",
                Keywords = ["nda", "non-disclosure"],
                DefaultPriority = Priority.Normal,
                TurnaroundBusinessDays = 2,
                AsksCounterparty = true,
                Fields =
                [
                    new FieldDefinition { Name = "direction", Label = "Direction", Kind = FieldKind.Choice, Required = true, Choices = ["Mutual", "We disclose", "They disclose"] },
                ],
            },
            new RequestType
            {
                Key = "deal",
                Name = "Deal review",
                Keywords = ["deal"],
                DefaultPriority = Priority.High,
                TurnaroundBusinessDays = 5,
                Fields =
                [
                    new FieldDefinition { Name = "value", Label = "Deal value", Kind = FieldKind.Number, Required = true, Min = 0, Max = 1_000_000 },
                    new FieldDefinition { Name = "signed", Label = "Already signed", Kind = FieldKind.YesNo, Required = true },
                    new FieldDefinition { Name = "closing", Label = "Closing date", Kind = FieldKind.Date, Required = true },
                ],
            },
        ],
    };

    /// <summary>The store files whatever it is given as LR-1042, telling <paramref name="capture"/> what it was.</summary>
    public void AcceptCreate(Action<NewRequest>? capture = null) =>
        Store.Setup(s => s.CreateAsync(It.IsAny<NewRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((NewRequest n, CancellationToken _) =>
            {
                capture?.Invoke(n);
                return new CreateResult(
                    new LegalRequest
                    {
                        Number = new RequestNumber(1042),
                        Details = n.Details,
                        Requester = n.Requester,
                        State = RequestState.Submitted,
                        CreatedAt = n.At,
                        UpdatedAt = n.At,
                        TargetDate = n.TargetDate,
                        Version = 1,
                    },
                    Created: true);
            });

    /// <summary>A service of the engine's container (the same registrations as the host's).</summary>
    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    /// <summary>Simulates a process restart: a new engine, the same persisted state.</summary>
    public void Restart()
    {
        provider.Dispose();
        provider = Build();
    }

    public Task<Turn> SayAsync(string text) => RunAsync(text, null);

    public Task<Turn> SubmitAsync(IReadOnlyDictionary<string, string> value) => RunAsync(null, value);

    private async Task<Turn> RunAsync(string? text, IReadOnlyDictionary<string, string>? value)
    {
        var state = JsonSerializer.Deserialize<LbDialogState>(stateJson)!;
        var input = new TurnInput
        {
            User = Person,
            ConversationId = "conversation-1",
            Text = text,
            Value = value,
            Today = Today,
            Now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
        };
        var replies = await provider.GetRequiredService<ConversationEngine>().HandleAsync(input, state, CancellationToken.None);
        stateJson = JsonSerializer.Serialize(state);
        return new Turn(replies);
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Conversation:MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
        var services = new ServiceCollection();
        services.AddApplication(configuration);
        services.AddConversations(configuration);
        services.AddSingleton(new RequestTypeCatalog(Catalog()));
        services.AddSingleton(new AccessPolicy(new RoleOptions { LegalStaff = [Staff.AadObjectId] }));
        Store.Setup(s => s.GetHistoryAsync(It.IsAny<RequestNumber>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Workflow.Setup(s => s.FailedAsync(It.IsAny<RequestNumber>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Store.Setup(s => s.ProfessionalStatsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, LegalBot.Core.Workflow.ProfessionalStats>());
        services.AddSingleton(Store.Object);
        services.AddSingleton(Facts.Object);
        services.AddSingleton(Workflow.Object);
        services.AddSingleton(UserSettings.Object);
        services.AddSingleton(BotState.Object);
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}

/// <summary>What the engine answered in one turn.</summary>
public sealed record Turn(IReadOnlyList<Reply> Replies)
{
    public IReadOnlyList<string> Texts => [.. Replies.OfType<TextReply>().Select(r => r.Text)];

    public string LastText => Texts.Count > 0 ? Texts[^1] : throw new Xunit.Sdk.XunitException("No text reply; cards only.");

    public IReadOnlyList<AdaptiveCard> Cards => [.. Replies.OfType<CardReply>().Select(r => r.Card)];

    public string CardJson(int index = 0) => CardSerializer.Serialize(Cards[index]);

    public string All => string.Join("\n", Texts.Concat(Cards.Select(CardSerializer.Serialize)));

    /// <summary>The data of the submit button with this title in any card of the turn.</summary>
    public Dictionary<string, string> Button(string title)
    {
        foreach (var card in Cards)
        {
            using var doc = JsonDocument.Parse(CardSerializer.Serialize(card));
            if (Find(doc.RootElement, title) is { } data)
            {
                return data;
            }
        }

        throw new Xunit.Sdk.XunitException($"No button '{title}'. Replies: {All}");
    }

    private static Dictionary<string, string>? Find(JsonElement element, string title)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "Action.Submit"
                && element.TryGetProperty("title", out var t) && t.GetString() == title)
            {
                return element.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            }

            foreach (var property in element.EnumerateObject())
            {
                if (Find(property.Value, title) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (Find(item, title) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
