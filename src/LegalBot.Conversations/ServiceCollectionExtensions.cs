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
}

/// <summary>Used when no dispatcher runs in the process: notifications wait for the next poll.</summary>
internal sealed class NoSignal : INotificationSignal
{
    public void Notify()
    {
    }
}
