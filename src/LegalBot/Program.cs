using LegalBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLegalBotCore();
builder.AddRequestStore();
builder.AddApplication();
builder.AddConversations();
builder.AddBot();
builder.AddNotifications();
builder.AddHealth();

var app = builder.Build();
app.MapLegalBot();
app.Run();

/// <summary>Exposed for the host tests (WebApplicationFactory).</summary>
public partial class Program;
