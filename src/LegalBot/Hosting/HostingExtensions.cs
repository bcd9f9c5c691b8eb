using LegalBot.Access;
using LegalBot.Application;
using LegalBot.Application.Workflow;
using LegalBot.Bot;
using LegalBot.Conversations;
using LegalBot.Export;
using LegalBot.Files;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Notifications;
using LegalBot.State;
using LegalBot.Telemetry;
using LegalBot.Store.Graph;
using LegalBot.Store.Postgres;
using LegalBot.Store.Sqlite;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LegalBot.Hosting;

/// <summary>The host's composition, one method per concern; Program.cs calls them in order.</summary>
public static class HostingExtensions
{
    /// <summary>The request-type catalog, roles and access policy, and the clock.</summary>
    public static WebApplicationBuilder AddLegalBotCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CatalogOptions>()
            .Bind(builder.Configuration.GetSection(CatalogOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddSingleton(sp => new RequestTypeCatalog(sp.GetRequiredService<IOptions<CatalogOptions>>().Value));
        services.AddOptions<RoleOptions>()
            .Bind(builder.Configuration.GetSection(RoleOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>();
        // In Development the configured roles win over the groups (someone listed keeps that role).
        services.AddSingleton(sp => new AccessPolicy(sp.GetRequiredService<IOptions<RoleOptions>>().Value, configurationWins: builder.Environment.IsDevelopment()));
        services.AddSingleton<RoleDirectoryStatus>();
        services.AddSingleton<IValidateOptions<LegalBot.Application.Profiles.ProfileOptions>, ProfileOptionsModeValidator>();
        return builder;
    }

    /// <summary>The request store, chosen here and only here by <c>Store:Provider</c>.</summary>
    public static WebApplicationBuilder AddRequestStore(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Store:Provider"] ?? "Sqlite";
        var defaultPath = Path.Combine(builder.Environment.ContentRootPath, "data", "legalbot.db");
        switch (provider)
        {
            case "Sqlite":
                builder.Services.AddSqliteRequestStore(builder.Configuration, defaultPath);
                break;
            case "SharePoint":
                // Requests in the SharePoint lists; the outbox, settings and dialog state in the local file of one
                // instance, or in a PostgreSQL database several instances share.
                AddLocalStores(builder, defaultPath);
                builder.Services.AddGraphRequestStore(builder.Configuration);
                // People edit the list in Microsoft Lists too: their edits are taken in or put back.
                builder.Services.AddSingleton<OutsideEditIntake>();
                builder.Services.AddHostedService<OutsideEditPoller>();
                // Activity-feed notifications through the same Graph app (sent only while Notifications:ActivityFeed:Enabled).
                builder.Services.AddSingleton<IActivityFeed, GraphActivityFeed>();
                if (builder.Configuration.GetSection(RoleOptions.Section).Get<RoleOptions>() is { UsesGroups: true })
                {
                    // Roles from Entra ID groups and the roster list, read in the background and swapped in whole.
                    builder.Services.AddSingleton<IRoleDirectory, GraphRoleDirectory>();
                    builder.Services.AddHostedService<RoleRefresher>();
                }

                if (!string.IsNullOrWhiteSpace(builder.Configuration[TeamsAppIdKey]))
                {
                    // Someone the bot has no chat with has the app installed for them through Graph first.
                    builder.Services.AddSingleton<ITeamsAppInstaller, GraphAppInstaller>();
                }

                // Requesters' profiles (Profiles:Enabled), read within a turn but never waited for past Profiles:Timeout.
                builder.Services.AddSingleton<IUserProfileDirectory, GraphUserProfiles>();

                if (!string.IsNullOrWhiteSpace(builder.Configuration[DocumentsDriveIdKey]))
                {
                    // Files sent in the chat go to a folder per request in the document library, shared with the
                    // request's parties; without the setting the bot says it keeps no documents here.
                    builder.Services.AddGraphDocumentLibrary();

                    // In channels and group chats people paste a file's link: it is read through Graph.
                    builder.Services.AddSingleton<LegalBot.Application.Documents.ISharedFileLinks, LegalBot.Files.GraphSharedFiles>();
                }

                break;
            case "Postgres":
                // Everything in one PostgreSQL database that several instances share.
                builder.Services.AddPostgresStores(builder.Configuration);
                break;
            default:
                throw new InvalidOperationException($"Store:Provider '{provider}' is not supported. Use 'Sqlite', 'SharePoint' or 'Postgres'.");
        }

        if (provider != "SharePoint" && !string.IsNullOrWhiteSpace(builder.Configuration[TeamsAppIdKey]))
        {
            throw new InvalidOperationException(
                $"{TeamsAppIdKey} applies only with Store:Provider 'SharePoint' (LegalBot installs itself for people through Microsoft Graph); remove it.");
        }

        if (provider != "SharePoint" && !string.IsNullOrWhiteSpace(builder.Configuration[DocumentsDriveIdKey]))
        {
            throw new InvalidOperationException(
                $"{DocumentsDriveIdKey} applies only with Store:Provider 'SharePoint' (files go to that document library through Microsoft Graph); remove it.");
        }

        if (provider != "SharePoint" && builder.Configuration[LocalProviderKey] is not null)
        {
            throw new InvalidOperationException(
                $"{LocalProviderKey} applies only with Store:Provider 'SharePoint' (where the outbox and dialog state are kept beside the lists); remove it.");
        }

        // Bot dialog state lives in the store backend too, behind the IStateStore it registered.
        builder.Services.AddBotState();
        return builder;
    }

    /// <summary>The key naming LegalBot's id in the Teams app catalog, for installing it for people through Graph.</summary>
    public const string TeamsAppIdKey = GraphStoreOptions.Section + ":" + nameof(GraphStoreOptions.TeamsAppId);

    /// <summary>The key naming the document library that holds the requests' files in the Microsoft 365 mode.</summary>
    public const string DocumentsDriveIdKey = GraphStoreOptions.Section + ":" + nameof(GraphStoreOptions.DocumentsDriveId);

    /// <summary>The key choosing where the SharePoint mode keeps its outbox, settings and dialog state.</summary>
    public const string LocalProviderKey = "Store:LocalProvider";

    private static void AddLocalStores(WebApplicationBuilder builder, string defaultPath)
    {
        var local = builder.Configuration[LocalProviderKey] ?? "Sqlite";
        switch (local)
        {
            case "Sqlite":
                builder.Services.AddSqliteLocalStores(builder.Configuration, defaultPath);
                break;
            case "Postgres":
                builder.Services.AddPostgresLocalStores(builder.Configuration);
                break;
            default:
                throw new InvalidOperationException($"{LocalProviderKey} '{local}' is not supported. Use 'Sqlite' (one instance) or 'Postgres' (several instances).");
        }
    }

    /// <summary>The use cases every entry point calls: workflow actions, notification planning, queries and card views.</summary>
    public static WebApplicationBuilder AddApplication(this WebApplicationBuilder builder)
    {
        builder.Services.AddApplication(builder.Configuration);
        return builder;
    }

    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddConversations(builder.Configuration);
        return builder;
    }

    /// <summary>Bot Framework authentication, the adapter, conversation state and the Teams handler.</summary>
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotHostOptions>()
            .Bind(builder.Configuration.GetSection(BotHostOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BotCredentialsOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsValidator>();
        services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedConnectorAuthentication(
            sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TenantFilterMiddleware>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<LegalBotAdapter>();
        services.AddSingleton<IBot, LegalBotActivityHandler>();
        services.AddSingleton<DialogInvokes>();
        services.AddSingleton<SearchInvokes>();
        services.AddHttpClient();
        // Exports go to the user's OneDrive: the upload URL authorizes by itself and is not to be logged, nor the file.
        services.AddHttpClient(UploadSession.ClientName).RemoveAllLoggers();
        services.AddSingleton<UploadSession>();
        services.AddSingleton<ConsentReplies>();

        // Documents sent in the chat are downloaded from Teams' pre-authorized URL: not to be logged, nor the file.
        services.AddHttpClient(HttpFileDownloads.ClientName).RemoveAllLoggers();
        services.AddSingleton<LegalBot.Application.Documents.IFileDownloads, HttpFileDownloads>();
        services.AddSingleton<DocumentDelivery>();
        services.AddSingleton<ExportDelivery>();
        // One limit for every request, from Bot:MaxRequestBodyBytes (the endpoint answers 413 above it).
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<BotHostOptions>>((kestrel, bot) => kestrel.Limits.MaxRequestBodySize = bot.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>The outbox dispatcher that delivers notifications proactively, and what it needs.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DispatcherOptions>()
            .Bind(builder.Configuration.GetSection(DispatcherOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ActivityFeedOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ActivityFeedOptions>, ActivityFeedOptionsValidator>();
        services.AddSingleton<TeamsGateway>();
        // One instance keeps its sends in memory; a store shared by instances (PostgreSQL) registered its own ledger.
        services.TryAddSingleton<IConversationSendLedger, InProcessConversationSendLedger>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<TurnRepliesMiddleware>();
        services.AddSingleton<AddressBook>();
        services.AddSingleton<CardUpdates>();
        services.AddSingleton<NotificationDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<INotificationSignal>(sp => sp.GetRequiredService<NotificationDispatcher>()));
        services.AddHostedService<TriageChannelRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService<StagedChangeReconciler>();
        services.AddHostedService<ReminderPoller>();
        services.AddHostedService<LegalBot.Export.ExportSweeper>();
        if (builder.Configuration[KillPointHook.Setting] is { Length: > 0 } killPoint && !builder.Environment.IsProduction())
        {
            services.AddSingleton<IChangeStepHook>(sp => new KillPointHook(killPoint, sp.GetRequiredService<ILogger<KillPointHook>>()));
        }
        return builder;
    }

    /// <summary>
    /// Traces and metrics (OpenTelemetry): the bot's own ("LegalBot": turns, store operations, deliveries, the outbox),
    /// ASP.NET Core's and outgoing HTTP (Bot Connector, Graph; query strings redacted). The SDK runs only when an exporter
    /// is configured: OTLP (<c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and/or a Prometheus
    /// scrape endpoint (<c>Telemetry:Prometheus</c>). Call after <see cref="AddRequestStore"/>: it wraps the store.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section)
            .Validate(o => o.OtlpEndpoint is null || (o.OtlpEndpoint.IsAbsoluteUri && o.OtlpEndpoint.Scheme is "http" or "https"), "Telemetry:OtlpEndpoint must be an absolute http or https address.")
            .Validate(o => o.PrometheusPath.StartsWith('/'), "Telemetry:PrometheusPath must start with '/'.")
            .ValidateOnStart();
        services.AddSingleton<BotTelemetry>();

        // Whichever store Store:Provider chose, wrapped once with a span per operation.
        var store = services.LastOrDefault(d => d.ServiceType == typeof(IRequestStore))
            ?? throw new InvalidOperationException("AddTelemetry must come after AddRequestStore.");
        services.Remove(store);
        services.Add(ServiceDescriptor.Describe(
            typeof(IRequestStore),
            sp => new TracedRequestStore((IRequestStore)(store.ImplementationInstance
                ?? store.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!))),
            store.Lifetime));

        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint ?? (Uri.TryCreate(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var standard) ? standard : null);
        if (otlp is null && !options.Prometheus)
        {
            return builder;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path.StartsWithSegments("/api"))
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter(o => o.ScrapeEndpointPath = options.PrometheusPath);
                }
            });
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c> says the process is alive; <c>/readyz</c> that the store answers and, with roles from groups, that
    /// they have been read once.
    /// </summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<RolesHealthCheck>("roles", tags: ["ready"]);
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapLegalBot(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value is { Prometheus: true } telemetry)
        {
            app.MapPrometheusScrapingEndpoint(telemetry.PrometheusPath);
        }

        if (app.Services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.IsLocalMode)
        {
            Log.LocalModeWarning(app.Logger);
        }

        return app;
    }
}

/// <summary>Names every invalid catalog key at startup.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = RequestTypeCatalog.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// The stores answer a read within <see cref="Timeout"/>: the request store, and the state store that holds dialog
/// state (the same database, except in the SharePoint mode, where it is beside the lists). A probe must answer quickly
/// even when a store hangs (a file held by another process): slower counts as unavailable. A write lock alone does not
/// fail it, since reads go on (SQLite WAL); turns that need to write then apologise.
/// </summary>
public sealed class StoreHealthCheck(LegalBot.Core.Stores.IRequestStore store, LegalBot.Core.Stores.IStateStore state) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>A key no conversation has: reading it asks the state store to answer without touching anyone's state.</summary>
    private const string ProbeKey = "legalbot:readiness-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The request store cannot be reached.");
        }

        try
        {
            await state.ReadAsync([ProbeKey], cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The conversation state store cannot be reached.");
        }

        return HealthCheckResult.Healthy("The stores answer.");
    }
}

/// <summary>
/// With roles from Entra ID groups: not ready until the groups and roster have been read once (until then only the
/// configured roles apply, and group members would be treated as requesters); degraded (still ready) while reads fail
/// after one succeeded, since the last good read stays in force. Without groups: always healthy.
/// </summary>
public sealed class RolesHealthCheck(AccessPolicy access, RoleDirectoryStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!access.UsesDirectory ? HealthCheckResult.Healthy("Roles come from configuration.")
            : status.LastRead is null ? HealthCheckResult.Unhealthy("The roles have not been read from Microsoft Entra ID yet.")
            : status.LastFailure is { } failure ? HealthCheckResult.Degraded($"Reading the roles failed ({failure}); the last read stays in force.")
            : HealthCheckResult.Healthy("The roles were read."));
}
