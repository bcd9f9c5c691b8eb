using LegalBot.Hosting;

if (ProvisionCommand.IsInvoked(args))
{
    return await ProvisionCommand.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

// Every registration is checked when the host is built, in every environment: a service that cannot be made (a
// dependency cycle, a missing registration) stops the start with its name rather than stalling a later request.
builder.Host.UseDefaultServiceProvider(options =>
{
    options.ValidateOnBuild = true;
    options.ValidateScopes = true;
});
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
