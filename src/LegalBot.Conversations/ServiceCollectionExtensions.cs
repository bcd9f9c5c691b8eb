using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Conversations.Intents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LegalBot.Conversations;

public static class ServiceCollectionExtensions
{
    /// <summary>The dialog engine, the intake dialog and one handler per intent (the use cases they call come from AddApplication).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IntentRecognizer>();
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton<GreetingIntent>();
        services.AddSingleton<HelpIntent>();
        services.AddSingleton<CancelIntent>();
        services.AddSingleton<StartOverIntent>();
        services.AddSingleton<NewRequestIntent>();
        services.AddSingleton<StatusIntent>();
        services.AddSingleton<MyRequestsIntent>();
        services.AddSingleton<UnknownIntent>();
        services.AddSingleton<HistoryIntent>();
        services.AddSingleton<MyAssignmentsIntent>();
        services.AddSingleton<WorkflowIntent>();
        services.AddSingleton<ConversationEngine>();
        return services;
    }
}
