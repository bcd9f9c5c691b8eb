using LegalBot.Hosting;

if (ProvisionCommand.IsInvoked(args))
{
    return await ProvisionCommand.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLegalBotCore();
builder.AddRequestStore();
builder.AddTelemetry();
builder.AddApplication();
builder.AddConversations();
builder.AddBot();
builder.AddNotifications();
builder.AddHealth();

var app = builder.Build();
app.MapLegalBot();
await app.RunAsync();
return 0;

/// <summary>Exposed for the host tests (WebApplicationFactory).</summary>
public partial class Program;
