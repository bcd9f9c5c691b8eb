using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Conversations.Intents;
using LegalBot.Conversations.Workflow;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations;

public static class ServiceCollectionExtensions
{
    /// <summary>The dialog engine, the intake dialog and one handler per intent.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => ViewerTimeZones.Find(o.DefaultTimeZone) is not null, $"{ConversationOptions.Section}:{nameof(ConversationOptions.DefaultTimeZone)} must be an IANA time zone name, such as Europe/Berlin or UTC.")
            .ValidateOnStart();
        services.AddSingleton<ViewerTimeZones>();
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton<LbDialog>(sp => sp.GetRequiredService<IntakeDialog>());
        services.AddSingleton(sp => new LbDialogSet(sp.GetServices<LbDialog>()));

        // One line per command, in the order the recognizer asks them.
        services.AddIntent<WorkflowIntent>();
        services.AddIntent<HelpIntent>();
        services.AddIntent<CancelIntent>();
        services.AddIntent<StartOverIntent>();
        services.AddIntent<MyRequestsIntent>();
        services.AddIntent<MyAssignmentsIntent>();
        services.AddIntent<HistoryIntent>();
        services.AddIntent<GreetingIntent>();
        services.AddIntent<StatusIntent>();
        services.AddIntent<NewRequestIntent>();
        services.AddSingleton<UnknownIntent>();
        services.AddSingleton<IntentRecognizer>();

        services.AddOptions<TriageOptions>()
            .Bind(configuration.GetSection(TriageOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidator>();
        services.AddSingleton<RequestWorkflow>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<VisibleRequests>();
        services.AddSingleton<RequestCards>();
        services.TryAddSingleton<RequestChanges>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<WorkflowCardActions>();
        services.TryAddSingleton<INotificationSignal, NoSignal>();
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

/// <summary>Used when no dispatcher runs in the process: notifications wait for the next poll.</summary>
internal sealed class NoSignal : INotificationSignal
{
    public void Notify()
    {
    }
}
