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
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton<LbDialog>(sp => sp.GetRequiredService<IntakeDialog>());
        services.AddSingleton(sp => new LbDialogSet(sp.GetServices<LbDialog>()));

        // One line per command, in the order the recognizer asks them and help lists them. Commands answer to
        // forms no other claims, so their order only tells help's; of the forms recognized when idle, the
        // greeting's and status's come before new request's, which takes any opener ("I need …").
        services.AddIntent<GreetingIntent>();
        services.AddIntent<StatusIntent>();
        services.AddIntent<MyRequestsIntent>();
        services.AddIntent<MyAssignmentsIntent>();
        services.AddIntent<HistoryIntent>();
        services.AddIntent<MetricsIntent>();
        services.AddIntent<ScorecardIntent>();
        services.AddIntent<ExportIntent>();
        services.AddIntent<AttachIntent>();
        services.AddIntent<DocumentGetIntent>();
        services.AddIntent<WorkflowIntent>();
        services.AddIntent<CancelIntent>();
        services.AddIntent<StartOverIntent>();
        services.AddIntent<HelpIntent>();
        services.AddIntent<NewRequestIntent>();
        services.AddSingleton<UnknownIntent>();
        services.AddSingleton<IntentRecognizer>();
        services.AddSingleton<ConversationEngine>();
        return services;
    }

    /// <summary>Registers a command: the recognizer asks it in registration order, the engine runs it.</summary>
    public static IServiceCollection AddIntent<T>(this IServiceCollection services)
        where T : class, IIntentHandler
    {
        services.AddSingleton<T>();
        services.AddSingleton<IIntentHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
