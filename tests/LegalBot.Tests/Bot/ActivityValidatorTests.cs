using LegalBot.Bot;
using Newtonsoft.Json.Linq;

namespace LegalBot.Tests.Bot;

/// <summary>The edge's check of an activity's JSON against the Bot Framework Activity schema and Teams' shapes.</summary>
public sealed class ActivityValidatorTests
{
    private static JObject Message() => JObject.Parse("""
        {
          "type": "message", "id": "1732612345678", "timestamp": "2026-11-26T10:00:00.000Z",
          "localTimestamp": "2026-11-26T11:00:00.000+01:00", "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ana Müller", "aadObjectId": "3f1e5b7a-2c4d-4e6f-8a9b-0c1d2e3f4a5b" },
          "conversation": { "conversationType": "personal", "tenantId": "8f3c2a6e-0d1b-4c5e-9a7f-2b6d4e8c1a90", "id": "a:1xyz-_abc" },
          "recipient": { "id": "28:legalbot", "name": "LegalBot" },
          "text": "status LR-1001", "textFormat": "plain", "locale": "en-US",
          "entities": [ { "type": "clientInfo", "locale": "en-US", "timezone": "Europe/Berlin" } ],
          "channelData": { "tenant": { "id": "8f3c2a6e-0d1b-4c5e-9a7f-2b6d4e8c1a90" } }
        }
        """);

    private static JObject CardAction()
    {
        var activity = Message();
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = JObject.Parse("""{ "action": { "type": "Action.Execute", "verb": "request.refresh", "data": { "number": "LR-1001" } }, "trigger": "automatic" }""");
        return activity;
    }

    private static JObject TeamInstall()
    {
        var activity = Message();
        activity.Remove("text");
        activity["type"] = "conversationUpdate";
        activity["conversation"] = JObject.Parse("""{ "conversationType": "channel", "id": "19:abc@thread.tacv2", "isGroup": true, "tenantId": "t-1" }""");
        activity["membersAdded"] = JArray.Parse("""[ { "id": "28:legalbot" }, { "id": "29:1abc", "aadObjectId": "3f1e5b7a" } ]""");
        activity["channelData"] = JObject.Parse("""
            { "eventType": "teamMemberAdded", "team": { "id": "19:abc@thread.tacv2", "name": "Legal", "aadGroupId": "0b9d-1" },
              "tenant": { "id": "t-1" }, "settings": { "selectedChannel": { "id": "19:abc@thread.tacv2" } } }
            """);
        return activity;
    }

    [Fact]
    public void TeamsMessage_Runs() => Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(Message()));

    [Fact]
    public void CardSubmit_WithObjectValue_Runs()
    {
        var activity = Message();
        activity.Remove("text");
        activity["value"] = JObject.Parse("""{ "action": "status", "id": "LR-1001" }""");

        Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(activity));
    }

    [Fact]
    public void CardAction_Runs() => Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(CardAction()));

    [Fact]
    public void TeamInstall_Runs() => Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(TeamInstall()));

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("event")]
    [InlineData("x-something-new")]
    public void KindsTheBotDoesNotActOn_AreAcknowledged(string type)
    {
        var activity = Message();
        activity["type"] = type;

        Assert.Equal(ActivityVerdict.Acknowledge, ActivityValidator.Check(activity));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("{}")]
    [InlineData("{\"type\": 1}")]
    public void NotAnActivity_IsRefused(string json) =>
        Assert.Equal(ActivityDisposition.Refuse, ActivityValidator.Check(JToken.Parse(json)).Disposition);

    [Theory]
    [InlineData("channelData", "\"tenant\"", "channelData must be an object.")]
    [InlineData("channelData.tenant", "[]", "channelData.tenant must be an object.")]
    [InlineData("channelData.tenant.id", "{ \"id\": 1 }", "channelData.tenant.id must be an id")]
    [InlineData("channelData.team", "\"Legal\"", "channelData.team must be an object.")]
    [InlineData("channelData.channel.id", "7", "channelData.channel.id must be an id")]
    [InlineData("channelData.eventType", "{}", "channelData.eventType must be a string.")]
    [InlineData("channelData.notification.alert", "\"yes\"", "channelData.notification.alert must be true or false.")]
    [InlineData("from", "\"29:1abc\"", "from must be an object.")]
    [InlineData("from.aadObjectId", "42", "from.aadObjectId must be an id")]
    [InlineData("conversation.isGroup", "\"true\"", "conversation.isGroup must be true or false.")]
    [InlineData("text", "{}", "text must be a string.")]
    [InlineData("timestamp", "\"yesterday\"", "timestamp must be an ISO 8601 date and time.")]
    [InlineData("entities", "{}", "entities must be an array.")]
    [InlineData("entities", "[ null ]", "entities[0] must be an object with a string type.")]
    [InlineData("attachments", "[ 1 ]", "attachments[0] must be an object.")]
    [InlineData("value", "[ 1 ]", "A message's value must be an object or a string.")]
    public void WrongTypeAnywhereTheSchemaDefines_IsRefused_NamingTheField(string path, string json, string reason)
    {
        var activity = Message();
        Set(activity, path, JToken.Parse(json));

        var verdict = ActivityValidator.Check(activity);

        Assert.Equal(ActivityDisposition.Refuse, verdict.Disposition);
        Assert.StartsWith(reason.TrimEnd('.'), verdict.Reason);
    }

    /// <summary>A file sent to the bot in the 1:1 chat, as Teams documents the attachment.</summary>
    private static JObject FileAttachment() => JObject.Parse("""
        {
          "contentType": "application/vnd.microsoft.teams.file.download.info",
          "contentUrl": "https://contoso.sharepoint.com/personal/user_contoso_com/Documents/Microsoft%20Teams%20Chat%20Files/NDA.pdf",
          "name": "NDA.pdf",
          "content": {
            "downloadUrl": "https://contoso.sharepoint.com/personal/user_contoso_com/_layouts/15/download.aspx?UniqueId=1150d938&Translate=false",
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
            "fileType": "pdf",
            "etag": "\"{1150D938-8870-4044-9F2C-5BBDEBA70C9D},2\""
          }
        }
        """);

    [Fact]
    public void AFileSentInTheChat_AsTeamsDocumentsIt_Runs()
    {
        var activity = Message();
        activity["attachments"] = new JArray(FileAttachment());

        Assert.Equal(ActivityDisposition.Run, ActivityValidator.Check(activity).Disposition);
    }

    [Theory]
    [InlineData("content", "\"https://example.com/a.pdf\"", "attachments[0].content must be an object for a file.")]
    [InlineData("content.downloadUrl", "null", "attachments[0].content.downloadUrl must be an absolute http(s) URL")]
    [InlineData("content.downloadUrl", "\"/relative/a.pdf\"", "attachments[0].content.downloadUrl must be an absolute http(s) URL")]
    [InlineData("content.downloadUrl", "\"file:///etc/passwd\"", "attachments[0].content.downloadUrl must be an absolute http(s) URL")]
    [InlineData("content.downloadUrl", "\"https://user:secret@contoso.sharepoint.com/a.pdf\"", "attachments[0].content.downloadUrl must be an absolute http(s) URL")]
    [InlineData("content.downloadUrl", "42", "attachments[0].content.downloadUrl must be a string.")]
    [InlineData("content.uniqueId", "null", "attachments[0] must name the file and its uniqueId.")]
    [InlineData("content.uniqueId", "\"id with spaces\"", "attachments[0].content.uniqueId must be an id")]
    [InlineData("content.fileType", "7", "attachments[0].content.fileType must be a string.")]
    [InlineData("name", "null", "attachments[0] must name the file and its uniqueId.")]
    public void AFileWhoseDownloadInfoIsNotTheDocumentedShape_IsRefused_NamingTheField(string path, string json, string reason)
    {
        var attachment = FileAttachment();
        Set(attachment, path, JToken.Parse(json));
        var activity = Message();
        activity["attachments"] = new JArray(attachment);

        var verdict = ActivityValidator.Check(activity);

        Assert.Equal(ActivityDisposition.Refuse, verdict.Disposition);
        Assert.StartsWith(reason.TrimEnd('.'), verdict.Reason);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    [InlineData("from")]
    [InlineData("from.id")]
    [InlineData("conversation")]
    [InlineData("conversation.id")]
    [InlineData("recipient")]
    [InlineData("recipient.id")]
    public void RequiredFieldMissing_IsRefused(string path)
    {
        var activity = Message();
        var (parent, name) = Parent(activity, path);
        parent.Remove(name);

        Assert.Equal(ActivityDisposition.Refuse, ActivityValidator.Check(activity).Disposition);
    }

    [Theory]
    [InlineData("id", "1732\u202E612345678")]
    [InlineData("id", "17326\u200B12345678")]
    [InlineData("replyToId", "1732612345678\u0000")]
    [InlineData("conversation.id", "a:1xyz\u00e9")]
    [InlineData("conversation.id", "a:1xyz abc")]
    [InlineData("conversation.id", "a:1xyz\r\nX-Injected: 1")]
    [InlineData("from.id", "29:\uD83D\uDE00")]
    [InlineData("channelId", "msteams\u2028")]
    [InlineData("channelData.tenant.id", "t\u202E1")]
    public void IdWithNonAsciiOrInvisibleCharacters_IsRefused(string path, string id)
    {
        var activity = Message();
        Set(activity, path, id);

        var verdict = ActivityValidator.Check(activity);

        Assert.Equal(ActivityDisposition.Refuse, verdict.Disposition);
        Assert.Contains("visible ASCII", verdict.Reason);
    }

    [Fact]
    public void IdLongerThanTheLimit_IsRefused()
    {
        var activity = Message();
        activity["conversation"]!["id"] = "a:" + new string('c', ActivityValidator.MaxIdLength);

        Assert.Equal("conversation.id must be an id of at most 1024 visible ASCII characters.", ActivityValidator.Check(activity).Reason);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams/")]
    [InlineData("http://127.0.0.1:56150/_connector")]
    public void ChannelServiceUrls_AreAccepted(string serviceUrl)
    {
        var activity = Message();
        activity["serviceUrl"] = serviceUrl;

        Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(activity));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/\u00e9mea/")]
    [InlineData("https://smba.trafficmanager.net/emea/\u202E")]
    [InlineData("https://smba.tráfficmanager.net/emea/")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("smba.trafficmanager.net/emea")]
    [InlineData("https://user:secret@smba.trafficmanager.net/")]
    [InlineData("https://smba.trafficmanager.net/%0d%0a/emea/")]
    [InlineData("https://smba.trafficmanager.net/emea/?x=1")]
    [InlineData("https://smba.trafficmanager.net/emea/#top")]
    [InlineData("")]
    public void ServiceUrlNotAVisibleAsciiHttpUrl_IsRefused(string serviceUrl)
    {
        var activity = Message();
        activity["serviceUrl"] = serviceUrl;

        Assert.Equal(ActivityDisposition.Refuse, ActivityValidator.Check(activity).Disposition);
    }

    [Theory]
    [InlineData("[ null ]", "membersAdded[0] must be an object.")]
    [InlineData("[ \"28:legalbot\" ]", "membersAdded[0] must be an object.")]
    [InlineData("[ { \"name\": \"LegalBot\" } ]", "membersAdded[0].id is required.")]
    [InlineData("[ { \"id\": [] } ]", "membersAdded[0].id must be an id")]
    [InlineData("{ \"id\": \"28:legalbot\" }", "membersAdded must be an array.")]
    public void MembersNotAccounts_AreRefused(string members, string reason)
    {
        var activity = TeamInstall();
        activity["membersAdded"] = JToken.Parse(members);

        Assert.StartsWith(reason.TrimEnd('.'), ActivityValidator.Check(activity).Reason);
    }

    [Theory]
    [InlineData("""{ "type": "mention", "text": "<at>LegalBot</at>" }""", "entities[0].mentioned is required in a mention.")]
    [InlineData("""{ "type": "mention", "mentioned": { "name": "LegalBot" }, "text": "<at>LegalBot</at>" }""", "entities[0].mentioned.id is required.")]
    [InlineData("""{ "type": "mention", "mentioned": { "id": "28:legalbot" } }""", "entities[0].text must be a string in a mention.")]
    public void MentionWithoutWhoOrText_IsRefused(string entity, string reason)
    {
        var activity = Message();
        activity["entities"] = new JArray(JObject.Parse(entity));

        Assert.Equal(reason, ActivityValidator.Check(activity).Reason);
    }

    [Theory]
    [InlineData("composeExtension/queryLink")]
    [InlineData("composeExtension/selectItem")]
    [InlineData("signin/verifyState")]
    [InlineData("")]
    public void InvokesTheBotDoesNotHandle_AreRefused(string name)
    {
        var activity = CardAction();
        activity["name"] = name;

        Assert.Equal(ActivityDisposition.Refuse, ActivityValidator.Check(activity).Disposition);
    }

    [Theory]
    [InlineData(null, "The card action has no value object.")]
    [InlineData("\"refresh\"", "The card action has no value object.")]
    [InlineData("""{ "trigger": "manual" }""", "The card action's value has no action.")]
    [InlineData("""{ "action": "request.refresh" }""", "value.action must be an object.")]
    [InlineData("""{ "action": { "type": "Action.Submit", "verb": "request.refresh" } }""", "The card action's type must be Action.Execute.")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": { "name": "x" } } }""", "value.action.verb must be a string.")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "v", "data": [ 1 ] } }""", "value.action.data must be an object or a string.")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "v" }, "trigger": 1 }""", "value.trigger must be a string.")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "v" }, "authentication": { "token": 5 } }""", "value.authentication.token must be a string.")]
    public void CardActionWithWrongValue_GetsAnErrorInvokeResponse(string? value, string reason)
    {
        var activity = CardAction();
        if (value is null)
        {
            activity.Remove("value");
        }
        else
        {
            activity["value"] = JToken.Parse(value);
        }

        Assert.Equal(new ActivityVerdict(ActivityDisposition.RefuseInvoke, reason), ActivityValidator.Check(activity));
    }

    /// <summary>A file consent card's answer as Teams documents it: accept with where to upload, or decline.</summary>
    private static JObject FileConsent(string action = "accept")
    {
        var activity = CardAction();
        activity["name"] = "fileConsent/invoke";
        activity["value"] = JObject.Parse("""
            {
              "type": "fileUpload", "action": "accept", "context": { "exportId": "0123456789abcdef0123456789abcdef" },
              "uploadInfo": {
                "contentUrl": "https://contoso.sharepoint.com/personal/legal_contoso_com/Documents/Applications/legal-requests.csv",
                "name": "legal-requests.csv", "uploadUrl": "https://contoso-my.sharepoint.com/personal/legal_contoso_com/_api/v2.0/drive/items/01ABC/uploadSession?guid=1&tempauth=x",
                "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C", "fileType": "csv", "etag": "123"
              }
            }
            """);
        if (action == "decline")
        {
            activity["value"]!["action"] = "decline";
            ((JObject)activity["value"]!).Remove("uploadInfo");
        }

        return activity;
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    public void FileConsentAnswer_AsTeamsSendsIt_Runs(string action) => Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(FileConsent(action)));

    [Fact]
    public void FileConsentAccept_WithoutContext_Runs_AndIsAnsweredAsStale()
    {
        var activity = FileConsent();
        ((JObject)activity["value"]!).Remove("context");

        Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(activity));
    }

    [Theory]
    [InlineData("value", "\"accept\"", "The file consent answer has no value object.")]
    [InlineData("value.type", "\"upload\"", "value.type must be fileUpload.")]
    [InlineData("value.action", "\"maybe\"", "value.action must be accept or decline.")]
    [InlineData("value.action", "1", "value.action must be a string.")]
    [InlineData("value.context", "\"exportId=1\"", "value.context must be an object.")]
    [InlineData("value.uploadInfo", "null", "value.uploadInfo is required when the file is accepted.")]
    [InlineData("value.uploadInfo", "[]", "value.uploadInfo must be an object.")]
    [InlineData("value.uploadInfo.uploadUrl", "\"/relative/path\"", "value.uploadInfo.uploadUrl must be an absolute http(s) URL of at most 8192 visible ASCII characters.")]
    [InlineData("value.uploadInfo.uploadUrl", "\"file:///etc/passwd\"", "value.uploadInfo.uploadUrl must be an absolute http(s) URL of at most 8192 visible ASCII characters.")]
    [InlineData("value.uploadInfo.uploadUrl", "\"https://user:pw@upload.example/x\"", "value.uploadInfo.uploadUrl must be an absolute http(s) URL of at most 8192 visible ASCII characters.")]
    [InlineData("value.uploadInfo.uploadUrl", "\"https://upload.example/\u00e9\"", "value.uploadInfo.uploadUrl must be an absolute http(s) URL of at most 8192 visible ASCII characters.")]
    [InlineData("value.uploadInfo.uploadUrl", "{ \"href\": \"https://upload.example/x\" }", "value.uploadInfo.uploadUrl must be a string.")]
    [InlineData("value.uploadInfo.contentUrl", "null", "value.uploadInfo.contentUrl must be an absolute http(s) URL of at most 8192 visible ASCII characters.")]
    [InlineData("value.uploadInfo.name", "\"\"", "value.uploadInfo must name the file and its uniqueId.")]
    [InlineData("value.uploadInfo.uniqueId", "\"a b\"", "value.uploadInfo.uniqueId must be an id of at most 1024 visible ASCII characters.")]
    public void FileConsentAnswer_OfAnotherShape_IsRefused(string at, string json, string reason)
    {
        var activity = FileConsent();
        var parts = at.Split('.');
        var parent = (JObject)activity.SelectToken(string.Join('.', parts[..^1]))!;
        parent[parts[^1]] = JToken.Parse(json);

        Assert.Equal(new ActivityVerdict(ActivityDisposition.Refuse, reason), ActivityValidator.Check(activity));
    }

    [Fact]
    public void CardActionWithBrokenEnvelope_IsRefused_NotAnswered()
    {
        var activity = CardAction();
        activity["channelData"]!["tenant"]!["id"] = new JObject();

        Assert.Equal(ActivityDisposition.Refuse, ActivityValidator.Check(activity).Disposition);
    }

    [Theory]
    [InlineData("", "From", "from is spelled differently.")]
    [InlineData("conversation", "ID", "conversation.id is spelled differently.")]
    [InlineData("channelData.tenant", "Id", "channelData.tenant.id is spelled differently.")]
    public void FieldRepeatedUnderAnotherSpelling_IsRefused(string at, string respelled, string reason)
    {
        // The converter matches names ignoring case, so the second spelling would reach the turn unchecked.
        var activity = Message();
        var parent = at.Length == 0 ? activity : (JObject)activity.SelectToken(at)!;
        parent[respelled] = at.Length == 0 ? new JObject { ["id"] = "29:‮" } : "t‮";

        Assert.Equal(reason, ActivityValidator.Check(activity).Reason);
    }

    [Fact]
    public void MentionWithRespelledAccount_IsRefused()
    {
        var activity = Message();
        activity["entities"] = new JArray(JObject.Parse("""{ "type": "mention", "mentioned": { "id": "28:legalbot" }, "Mentioned": null, "text": "<at>LegalBot</at>" }"""));

        Assert.Equal("entities[0].mentioned is spelled differently.", ActivityValidator.Check(activity).Reason);
    }

    [Fact]
    public void UnknownFields_AreLeftAlone()
    {
        var activity = Message();
        activity["futureField"] = new JArray(1, 2);
        activity["channelData"]!["source"] = new JObject { ["name"] = "message" };

        Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(activity));
    }

    private static void Set(JObject activity, string path, JToken value)
    {
        var (parent, name) = Parent(activity, path);
        parent[name] = value;
    }

    /// <summary>The object holding the last segment of a dotted path, created as needed.</summary>
    private static (JObject Parent, string Name) Parent(JObject activity, string path)
    {
        var segments = path.Split('.');
        JToken node = activity;
        foreach (var segment in segments[..^1])
        {
            node = node[segment] as JObject ?? (JObject)(node[segment] = new JObject());
        }

        return ((JObject)node, segments[^1]);
    }

    private static JObject Invoke(string name, string value)
    {
        var activity = Message();
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = name;
        activity["value"] = JToken.Parse(value);
        return activity;
    }

    /// <summary>Teams' documented samples of each dialog invoke the bot handles.</summary>
    [Theory]
    [InlineData("composeExtension/fetchTask", """
        { "commandId": "sendToLegal", "commandContext": "message", "context": { "theme": "dark" },
          "messagePayload": { "id": "1592819421227", "replyToId": null, "createdDateTime": "2020-06-22T09:50:21.227Z", "lastModifiedDateTime": null,
            "deleted": false, "subject": null, "summary": null, "importance": "normal", "locale": "en-us",
            "linkToMessage": "https://teams.microsoft.com/l/message/19:abc@thread.skype/1592819421227",
            "from": { "user": { "id": "8:orgid:6aebbad0", "displayName": "Alex", "userIdentityType": "aadUser" }, "application": null, "conversation": null },
            "body": { "contentType": "html", "content": "<p>Please review</p>" }, "attachmentLayout": "list",
            "attachments": [ { "id": "1", "contentType": "reference", "contentUrl": "https://contoso.sharepoint.com/a.docx", "name": "a.docx", "thumbnailUrl": null } ],
            "mentions": [ { "id": 0, "mentionText": "Legal", "mentioned": { "user": { "id": "x", "displayName": "Legal", "userIdentityType": "aadUser" } } } ],
            "reactions": [] } }
        """)]
    [InlineData("composeExtension/submitAction", """{ "commandId": "sendToLegal", "commandContext": "message", "context": { "theme": "default" }, "data": { "action": "intake.type", "type": "nda" } }""")]
    [InlineData("composeExtension/query", """{ "commandId": "searchRequests", "parameters": [ { "name": "query", "value": "acme" } ], "queryOptions": { "skip": 0, "count": 25 } }""")]
    [InlineData("composeExtension/query", """{ "commandId": "searchRequests", "parameters": [ { "name": "initialRun", "value": true } ], "queryOptions": { "skip": 25, "count": 25 }, "state": "" }""")]
    [InlineData("task/fetch", """{ "data": { "msteams": { "type": "task/fetch" }, "action": "intake.dialog" }, "context": { "theme": "default" } }""")]
    [InlineData("task/submit", """{ "data": { "action": "intake.submit", "title": "NDA" }, "context": { "theme": "contrast" } }""")]
    public void DialogInvokesOfTheDocumentedShape_Run(string name, string value) =>
        Assert.Equal(ActivityVerdict.Run, ActivityValidator.Check(Invoke(name, value)));

    [Theory]
    [InlineData("composeExtension/fetchTask", "\"sendToLegal\"", "The message extension invoke has no value object.")]
    [InlineData("composeExtension/fetchTask", """{ "commandContext": "message" }""", "value.commandId must be 1 to 64 visible ASCII characters.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "CommandId": "x" }""", "value.commandId is spelled differently.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "context": "dark" }""", "value.context must be an object.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "messagePayload": { "deleted": "no" } }""", "value.messagePayload.deleted must be true or false.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "messagePayload": { "linkToMessage": 1 } }""", "value.messagePayload.linkToMessage must be a string.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "messagePayload": { "from": { "application": { "displayName": 7 } } } }""", "value.messagePayload.from.application.displayName must be a string.")]
    [InlineData("composeExtension/fetchTask", """{ "commandId": "sendToLegal", "messagePayload": { "mentions": [ 1 ] } }""", "value.messagePayload.mentions[0] must be an object.")]
    [InlineData("composeExtension/submitAction", """{ "commandId": "sendToLegal" }""", "value.data must be an object.")]
    [InlineData("composeExtension/submitAction", """{ "commandId": "sendToLegal", "data": "intake.submit" }""", "value.data must be an object.")]
    [InlineData("task/fetch", """{ "context": { "theme": "dark" } }""", "value.data must be an object.")]
    [InlineData("task/submit", """{ "data": { "action": "intake.submit" }, "context": { "theme": 1 } }""", "value.context.theme must be a string.")]
    [InlineData("task/submit", "[]", "The dialog invoke has no value object.")]
    [InlineData("composeExtension/query", "null", "The search invoke has no value object.")]
    [InlineData("composeExtension/query", """{ "commandId": "searchRequests", "queryOptions": { "skip": 1e3 } }""", "value.queryOptions.skip must be a whole number from 0.")]
    [InlineData("composeExtension/query", """{ "commandId": "searchRequests", "queryOptions": { "count": 99999999999 } }""", "value.queryOptions.count must be a whole number from 0.")]
    [InlineData("composeExtension/query", """{ "commandId": "searchRequests", "parameters": [ "acme" ] }""", "value.parameters[0] must be an object.")]
    public void DialogInvokesOfAnotherShape_AreRefused_NamingTheField(string name, string value, string reason)
    {
        var verdict = ActivityValidator.Check(Invoke(name, value));

        Assert.Equal(ActivityDisposition.Refuse, verdict.Disposition);
        Assert.Equal(reason, verdict.Reason);
    }
}
