using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Npgsql;

namespace LegalBot.Tests.Documents;

/// <summary>
/// Documents on requests with <c>Store:Provider=Postgres</c>, over real HTTP: a file sent in the chat is kept in the
/// shared database (bytes and all, nothing in the data folder), listed on the request card, and another instance on the
/// same database sends it back to a party through the file consent flow.
/// </summary>
public sealed class PostgresDocumentTests : DocumentHostTest
{
    protected override bool OnPostgres => true;

    private async Task<List<(string Name, byte[] Content)>> KeptAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name, content FROM request_documents ORDER BY added_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var kept = new List<(string, byte[])>();
        while (await reader.ReadAsync())
        {
            kept.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }

        return kept;
    }

    [Fact]
    public async Task AFileSentInTheChat_IsKeptInTheDatabase_AndTheCardListsIt()
    {
        var id = await Scenarios.FileNdaAsync(Requester);

        var sent = await Requester.SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);

        Assert.Contains($"Added Acme NDA draft.pdf ({SampleFiles.Pdf.Length} bytes) to {id}.", sent.Texts);
        Assert.StartsWith($"1. Acme NDA draft.pdf · {SampleFiles.Pdf.Length} bytes · {TeamsUser.Requester.Name} · ", Assert.Single(DocumentLines(sent.Card)), StringComparison.Ordinal);
        var kept = Assert.Single(await KeptAsync());
        Assert.Equal("Acme NDA draft.pdf", kept.Name);
        Assert.Equal(SampleFiles.Pdf, kept.Content);
        Assert.False(System.IO.Directory.Exists(Path.Combine(Directory, "documents")));
        Assert.Single(DocumentLines(await StatusCardAsync(Staff, id)));

        // Over the limit: refused, and nothing more is kept.
        var big = new byte[MaxBytes + 1];
        SampleFiles.Pdf.CopyTo(big, 0);
        var refused = await Requester.SendFileAsync("scan.pdf", big);
        Assert.Equal("That file is larger than 98 KB, the most I keep, so I didn't keep it.", Assert.Single(refused.Texts));
        Assert.Single(await KeptAsync());
        Assert.Contains(Logs.Entries, e => e.EventId.Id == 7050);
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("Acme NDA draft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherInstance_SendsTheFileBackToAParty_AndNotToAStranger()
    {
        var id = await Scenarios.FileNdaAsync(Requester);
        await AssignAsync(id);
        await Requester.SendFileAsync("Acme NDA.docx", SampleFiles.Docx);

        // The professional's turns go to a second instance on the same database.
        var other = StartHost();
        var professional = As(TeamsUser.Alsp, other);
        var card = await StatusCardAsync(professional, id);
        var get = BotReplies.ActionData(card, "Get");
        var offered = await professional.SubmitAsync(get);
        var consent = Assert.Single(offered.FileConsents);
        var accepted = await professional.AcceptFileAsync(consent);

        Assert.Equal(200, accepted.Status);
        Assert.Equal(SampleFiles.Docx, Assert.Single(Channel.OneDrive.Uploads).Bytes);
        Assert.Equal("Acme NDA.docx", (string?)Assert.Single(accepted.Replies.FileInfos)["name"]);

        var pressed = await As(TeamsUser.OtherRequester, other).SubmitAsync(get.DeepClone().AsObject());
        Assert.Equal("I couldn't find that document among those of the requests you can see.", Assert.Single(pressed.Texts));
        Assert.Single(Channel.OneDrive.Uploads);
    }
}
