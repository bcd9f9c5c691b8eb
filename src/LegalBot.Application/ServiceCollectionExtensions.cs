using LegalBot.Application.Documents;
using LegalBot.Application.Export;
using LegalBot.Application.Metrics;
using LegalBot.Application.Profiles;
using LegalBot.Application.Reminders;
using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LegalBot.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>The use cases every entry point calls alike: workflow actions, notification planning, queries and card views.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimeZoneOptions>()
            .Bind(configuration.GetSection(TimeZoneOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => ViewerTimeZones.Find(o.DefaultTimeZone) is not null, $"{TimeZoneOptions.Section}:{nameof(TimeZoneOptions.DefaultTimeZone)} must be an IANA time zone name, such as Europe/Berlin or UTC.")
            .ValidateOnStart();
        services.AddSingleton<ViewerTimeZones>();
        services.AddOptions<ServiceLevelOptions>()
            .Bind(configuration.GetSection(ServiceLevelOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceLevelOptions>, ServiceLevelOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceLevelClock>();

        services.AddOptions<TriageOptions>()
            .Bind(configuration.GetSection(TriageOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidator>();
        // The host checks these at start (Microsoft 365 mode only) and sends what the planners queue.
        services.AddOptions<ActivityFeedOptions>()
            .Bind(configuration.GetSection(ActivityFeedOptions.Section))
            .PostConfigure(o => o.BotAppId = string.IsNullOrWhiteSpace(o.BotAppId) ? configuration["MicrosoftAppId"] : o.BotAppId);
        services.AddSingleton<RequestWorkflow>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<VisibleRequests>();
        services.AddOptions<ProfileOptions>()
            .Bind(configuration.GetSection(ProfileOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProfileOptions>, ProfileOptionsValidator>();
        services.AddSingleton<RequesterProfiles>();
        services.AddSingleton<RequestCards>();
        services.TryAddSingleton<RequestChanges>();
        // Refused actions are logged here (event ids 6000-6999); any host adds its providers.
        services.AddLogging();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<WorkflowCardActions>();
        services.AddSingleton<WorkflowDialogs>();
        services.AddSingleton<RequestFiling>();
        services.AddSingleton<DialogIntake>();
        services.AddSingleton<RequestSearch>();
        services.AddSingleton<RequestQueries>();
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<MetricsService>();
        services.AddSingleton<ScorecardService>();
        services.AddOptions<ExportOptions>()
            .Bind(configuration.GetSection(ExportOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();
        services.AddSingleton<PendingExports>();
        services.AddSingleton<ExportService>();
        services.AddOptions<DocumentOptions>()
            .Bind(configuration.GetSection(DocumentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>();
        services.AddSingleton<DocumentParties>();
        services.AddSingleton<DocumentService>();
        services.AddOptions<ReminderOptions>()
            .Bind(configuration.GetSection(ReminderOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<ReminderService>();
        services.TryAddSingleton<INotificationSignal, NoSignal>();
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
