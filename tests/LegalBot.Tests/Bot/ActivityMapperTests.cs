using System.Globalization;
using LegalBot.Bot;
using LegalBot.Cards.Model;
using LegalBot.Conversations.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace LegalBot.Tests.Bot;

/// <summary>How an activity as Teams sends it becomes the conversation layer's turn, and a reply an activity.</summary>
public sealed class ActivityMapperTests
{
    private const string Aad = "3f1e5b7a-2c4d-4e6f-8a9b-0c1d2e3f4a5b";

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 23, 30, 0, TimeSpan.Zero);

    private static Activity Message(string? text = "status LR-1001") => new()
    {
        Type = ActivityTypes.Message,
        Id = "1732612345678",
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount("29:1abc", "Ana Müller", aadObjectId: Aad),
        Recipient = new ChannelAccount("28:legalbot", "LegalBot"),
        Conversation = new ConversationAccount(conversationType: "personal", id: "a:1xyz", tenantId: "tenant-1"),
        Text = text,
    };

    private static TurnInput? Map(Activity activity) => ActivityMapper.ToInput(new TurnContext(new TestAdapter(), activity), Now);

    [Fact]
    public void PersonalMessage_IsReadAsTheSendersTurn()
    {
        var activity = Message();
        activity.ReplyToId = "1732612340000";

        var input = Map(activity);

        Assert.NotNull(input);
        Assert.Equal(Aad, input.User.AadObjectId);
        Assert.Equal("Ana Müller", input.User.Name);
        Assert.Equal("a:1xyz", input.ConversationId);
        Assert.Equal("tenant-1", input.TenantId);
        Assert.True(input.IsPersonal);
        Assert.Equal("status LR-1001", input.Text);
        Assert.Null(input.Value);
        Assert.Equal("1732612340000", input.ReplyToId);
        Assert.Equal(Now, input.Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void SenderWithoutAadObjectId_IsNotATurn(string? aadObjectId)
    {
        var activity = Message();
        activity.From.AadObjectId = aadObjectId;

        Assert.Null(Map(activity));
    }

    [Fact]
    public void AadObjectIdLongerThanAnyReal_OrNoConversation_IsNotATurn()
    {
        var tooLong = Message();
        tooLong.From.AadObjectId = new string('a', 65);
        var noConversation = Message();
        noConversation.Conversation.Id = "";

        Assert.Null(Map(tooLong));
        Assert.Null(Map(noConversation));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void SenderWithoutAName_IsRecordedAsSomeone_AndGreetedWithoutAName(string? name)
    {
        var activity = Message();
        activity.From.Name = name;

        var input = Map(activity)!;

        // What they do is recorded as by "Someone" (in a request's history, on its cards); the greeting says "Hi there".
        Assert.Equal("Someone", input.User.Name);
        Assert.Null(input.SenderName);
        Assert.Contains("Hi there, I'm LegalBot", LegalBot.Cards.CardSerializer.Serialize(LegalBot.Cards.Builders.WelcomeCard.Build(input.SenderName, isLegalStaff: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void NamedSender_IsRecordedAndGreetedByTheirName()
    {
        var activity = Message();
        activity.From.Name = "Business Requester";

        var input = Map(activity)!;

        Assert.Equal("Business Requester", input.User.Name);
        Assert.Equal("Business Requester", input.SenderName);
    }

    [Fact]
    public void LongName_IsCutTo200Characters()
    {
        var activity = Message();
        activity.From.Name = new string('n', 500);

        Assert.Equal(new string('n', 200), Map(activity)!.User.Name);
    }

    [Fact]
    public void Today_IsTheSendersLocalDate()
    {
        // 23:30 UTC on the 26th is already the 27th in Berlin.
        var activity = Message();
        activity.LocalTimestamp = new DateTimeOffset(2026, 11, 27, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(new DateOnly(2026, 11, 27), Map(activity)!.Today);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(31)]
    [InlineData(-31)]
    public void Today_WithoutAPlausibleLocalTimestamp_IsTheServersDate(int? hoursOff)
    {
        var activity = Message();
        activity.LocalTimestamp = hoursOff is { } h ? Now.AddHours(h) : null;

        Assert.Equal(new DateOnly(2026, 11, 26), Map(activity)!.Today);
    }

    [Fact]
    public void ReplyToId_LongerThanAnyChannelGives_IsDropped()
    {
        var activity = Message();
        activity.ReplyToId = new string('1', 257);

        Assert.Null(Map(activity)!.ReplyToId);
    }

    [Fact]
    public void TeamChannelMessage_IsReadWithoutTheBotsMention()
    {
        var activity = Message("<at>LegalBot</at> status LR-1001");
        activity.Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:abc@thread.tacv2", tenantId: "tenant-1");
        activity.Entities =
        [
            new Entity("mention")
            {
                Properties = JObject.FromObject(new
                {
                    mentioned = new { id = "28:legalbot", name = "LegalBot" },
                    text = "<at>LegalBot</at>",
                }),
            },
        ];

        var input = Map(activity)!;

        Assert.False(input.IsPersonal);
        Assert.Equal("status LR-1001", input.Text?.Trim());
    }

    [Fact]
    public void CardSubmission_HasNoText_AndItsTopLevelValuesAsStrings()
    {
        var activity = Message("ignored");
        activity.Value = JObject.Parse("""
            {
              "action": "confirm", "count": 3, "budget": 1.5, "urgent": true, "late": false,
              "nested": { "action": "cancel" }, "list": [ "a" ], "nothing": null
            }
            """);

        var input = Map(activity)!;

        Assert.Null(input.Text);
        Assert.Equal(
            new Dictionary<string, string> { ["action"] = "confirm", ["count"] = "3", ["budget"] = "1.5", ["urgent"] = "true", ["late"] = "false" },
            input.Value);
        Assert.Equal("confirm", input.Action);
    }

    [Fact]
    public void CardValue_KeepsAtMost100Keys_ShortKeysOnly_AndCutsLongValues()
    {
        var value = new JObject { [new string('k', 65)] = "dropped", ["long"] = new string('v', 30_000) };
        for (var i = 0; value.Count < 150; i++)
        {
            value["key" + i.ToString(CultureInfo.InvariantCulture)] = "x";
        }

        var read = ActivityMapper.ReadValue(value)!;

        Assert.Equal(99, read.Count);
        Assert.DoesNotContain(new string('k', 65), read.Keys);
        Assert.Equal(20_000, read["long"].Length);
        Assert.DoesNotContain("key98", read.Keys);
    }

    [Fact]
    public void ValueThatIsNotAnObject_IsNoCardSubmission()
    {
        var activity = Message("hello");
        activity.Value = "a string";

        var input = Map(activity)!;

        Assert.Equal("hello", input.Text);
        Assert.Null(input.Value);
        Assert.Null(ActivityMapper.ReadValue(new JArray("a")));
    }

    [Fact]
    public void TimeZone_IsTheActivitysLocalTimezone_ElseTheClientInfos()
    {
        var both = Message();
        both.LocalTimezone = "Europe/Berlin";
        both.Entities = [ClientInfo("America/New_York")];
        var clientInfoOnly = Message();
        clientInfoOnly.Entities = [ClientInfo("America/New_York")];

        Assert.Equal("Europe/Berlin", ActivityMapper.TimeZoneOf(both));
        Assert.Equal("America/New_York", ActivityMapper.TimeZoneOf(clientInfoOnly));
    }

    [Fact]
    public void TimeZone_IsNullWhenTheClientReportsNone()
    {
        var none = Message();
        var numeric = Message();
        numeric.Entities = [new Entity("clientInfo") { Properties = new JObject { ["timezone"] = 60 } }];

        Assert.Null(ActivityMapper.TimeZoneOf(none));
        Assert.Null(ActivityMapper.TimeZoneOf(numeric));
    }

    [Fact]
    public void TextReply_IsMarkdown_OrPlainWhenShownAsWritten_WithSuggestionsAsImBack()
    {
        var markdown = (Activity)ActivityMapper.ToActivity(new TextReply("**Filed**", ["status", "help"]));
        var plain = (Activity)ActivityMapper.ToActivity(new TextReply("*as typed*", AsWritten: true));

        Assert.Equal("**Filed**", markdown.Text);
        Assert.Equal(TextFormatTypes.Markdown, markdown.TextFormat);
        Assert.Equal([("status", "status"), ("help", "help")], markdown.SuggestedActions.Actions.Select(a => (a.Title, (string)a.Value)));
        Assert.All(markdown.SuggestedActions.Actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
        Assert.Equal(TextFormatTypes.Plain, plain.TextFormat);
        Assert.Null(plain.SuggestedActions);
    }

    [Fact]
    public void CardReply_IsOneAdaptiveCardAttachment_WithTheCardsJson()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("LR-1001 is Assigned")], FallbackText = "LR-1001" };

        var activity = (Activity)ActivityMapper.ToActivity(new CardReply(card));

        var attachment = Assert.Single(activity.Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var json = JObject.Parse(((JRaw)attachment.Content).ToString());
        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("LR-1001 is Assigned", (string?)json["body"]![0]!["text"]);
    }

    private static Entity ClientInfo(string timeZone) =>
        new("clientInfo") { Properties = new JObject { ["locale"] = "en-US", ["timezone"] = timeZone } };
}
