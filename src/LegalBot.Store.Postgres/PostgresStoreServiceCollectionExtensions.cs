using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LegalBot.Store.Postgres;

public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers every store on one PostgreSQL database shared by the bot's instances: <see cref="PostgresRequestStore"/>,
    /// <see cref="PostgresNotificationStore"/>, <see cref="PostgresUserSettingsStore"/>, <see cref="PostgresStateStore"/>
    /// (bot dialog state) and <see cref="PostgresRequestFacts"/> (the metrics' facts) and <see cref="PostgresConversationSendLedger"/> (the sends of the last hour
    /// per conversation, so Teams' windows hold across instances) and <see cref="PostgresDocumentStore"/> (the files kept with
    /// requests, bytes and all), over one <see cref="PostgresDatabase"/> (options from <c>Store:Postgres</c>, checked at start,
    /// naming the key; the schema is brought up to date on first use).
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddPostgresOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.AddSingleton<IRequestStore, PostgresRequestStore>();
        services.AddSingleton<INotificationStore, PostgresNotificationStore>();
        services.AddSingleton<IUserSettingsStore, PostgresUserSettingsStore>();
        services.AddSingleton<IStateStore, PostgresStateStore>();
        services.AddSingleton<IRequestFacts, PostgresRequestFacts>();
        services.AddSingleton<IConversationSendLedger, PostgresConversationSendLedger>();
        services.AddSingleton<IDocumentStore, PostgresDocumentStore>();
        return services;
    }

    /// <summary>
    /// The local part of a deployment whose requests live elsewhere (the SharePoint lists), shared by its instances:
    /// the outbox, conversation addresses and posted cards (<see cref="PostgresNotificationStore"/>), user settings,
    /// bot dialog state, the send ledger and the index of the documents in the library (<see cref="IDocumentIndex"/>), on
    /// one PostgreSQL database whose outbox and documents do not refer to a requests table there.
    /// </summary>
    public static IServiceCollection AddPostgresLocalStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddPostgresOptions(configuration);
        services.PostConfigure<PostgresStoreOptions>(options => options.EnforceRequestReferences = false);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.AddSingleton<INotificationStore, PostgresNotificationStore>();
        services.AddSingleton<IUserSettingsStore, PostgresUserSettingsStore>();
        services.AddSingleton<IStateStore, PostgresStateStore>();
        services.AddSingleton<IConversationSendLedger, PostgresConversationSendLedger>();
        services.AddSingleton<IDocumentIndex, PostgresDocumentStore>();
        return services;
    }

    private static void AddPostgresOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresStoreOptions>()
            .Bind(configuration.GetSection(PostgresStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>();
    }
}

/// <summary>A connection string Npgsql cannot read, or one naming no server, fails at start naming the key.</summary>
internal sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            // The [Required] attribute names it.
            return ValidateOptionsResult.Skip;
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message may quote the string, password and all: it stays out of the answer.
            return ValidateOptionsResult.Fail(
                PostgresStoreOptions.Section + ":ConnectionString is not an Npgsql connection string (Host=...;Database=...;Username=...;Password=...).");
        }

        return string.IsNullOrWhiteSpace(parsed.Host)
            ? ValidateOptionsResult.Fail(PostgresStoreOptions.Section + ":ConnectionString names no server (Host=...).")
            : ValidateOptionsResult.Success;
    }
}
