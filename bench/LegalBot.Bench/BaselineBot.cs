using LegalBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bench;

/// <summary>
/// The yardstick: a bare Bot Builder bot as the SDK's samples build it (CloudAdapter, ConversationState on
/// MemoryStorage), answering every message with one text and one small Adaptive Card. It runs with
/// LegalBot's logging configuration (its appsettings.json), so both write the same log lines per turn.
/// With reuseClients it also reuses the Bot Connector clients across turns as LegalBot
/// does (<see cref="SharedConnectorAuthentication"/>): the stricter yardstick.
/// </summary>
internal static class BaselineBot
{
    public static async Task RunAsync(int port, string settingsPath, bool reuseClients)
    {
        var builder = WebApplication.CreateBuilder();
        if (settingsPath.Length > 0)
        {
            builder.Configuration.AddJsonFile(settingsPath, optional: false);
        }

        if (port > 0)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // As the samples do: without an IHttpClientFactory every turn's replies would open new connections.
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        builder.Services.AddSingleton(sp => reuseClients
            ? new SharedConnectorAuthentication(sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>(), TimeProvider.System)
            : (BotFrameworkAuthentication)sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>());
        // CloudAdapter has two constructors the container cannot choose between: name the one the samples use.
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton<IStorage, MemoryStorage>();
        builder.Services.AddSingleton<ConversationState>();
        builder.Services.AddSingleton<IBot, EchoCardBot>();

        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) => adapter.ProcessAsync(request, response, bot));
        app.MapGet("/healthz", () => Results.Ok());
        await app.RunAsync();
    }

    private sealed class EchoCardBot(ConversationState conversationState) : ActivityHandler
    {
        private readonly IStatePropertyAccessor<TurnCount> turns = conversationState.CreateProperty<TurnCount>("turns");

        public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            await base.OnTurnAsync(turnContext, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        }

        protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
        {
            var count = await turns.GetAsync(turnContext, () => new TurnCount(), cancellationToken);
            count.Value++;
            var card = new JObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new JArray(
                    new JObject { ["type"] = "TextBlock", ["text"] = "Turn " + count.Value, ["weight"] = "Bolder" },
                    new JObject { ["type"] = "TextBlock", ["text"] = "A small card from the baseline bot.", ["wrap"] = true }),
            };
            await turnContext.SendActivitiesAsync(
                [
                    MessageFactory.Text("Got it."),
                    MessageFactory.Attachment(new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card }),
                ],
                cancellationToken);
        }
    }

    private sealed class TurnCount
    {
        public int Value { get; set; }
    }
}
