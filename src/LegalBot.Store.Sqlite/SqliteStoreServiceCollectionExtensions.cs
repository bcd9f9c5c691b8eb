using LegalBot.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LegalBot.Store.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteDatabase"/> (options from <c>Store:Sqlite</c>, validated at start) so the
    /// stores registered by <see cref="AddSqliteRequestStore"/> share the database file.
    /// </summary>
    /// <param name="defaultPath">The database file used when <c>Store:Sqlite:Path</c> is not configured.</param>
    public static IServiceCollection AddSqliteDatabase(
        this IServiceCollection services, IConfiguration configuration, string defaultPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SqliteStoreOptions>()
            .Configure(options => options.Path = defaultPath)
            .Bind(configuration.GetSection(SqliteStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SqliteDatabase>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="SqliteRequestStore"/> as the singleton <see cref="IRequestStore"/>,
    /// <see cref="SqliteNotificationStore"/> as the singleton <see cref="INotificationStore"/> and
    /// <see cref="SqliteUserSettingsStore"/> as the singleton <see cref="IUserSettingsStore"/> and
    /// <see cref="SqliteStateStore"/> as the singleton <see cref="IStateStore"/> (bot dialog state), and
    /// <see cref="SqliteDocumentStore"/> as the singleton <see cref="IDocumentStore"/> (files beside the database), on the same database.
    /// </summary>
    /// <param name="defaultPath">The database file used when <c>Store:Sqlite:Path</c> is not configured.</param>
    public static IServiceCollection AddSqliteRequestStore(
        this IServiceCollection services, IConfiguration configuration, string defaultPath)
    {
        services.AddSqliteDatabase(configuration, defaultPath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRequestStore, SqliteRequestStore>();
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<IUserSettingsStore, SqliteUserSettingsStore>();
        services.AddSingleton<IStateStore, SqliteStateStore>();
        services.AddSingleton<IRequestFacts, SqliteRequestFacts>();
        services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
        return services;
    }

    /// <summary>
    /// The local part of a deployment whose requests live elsewhere (a SharePoint list): the outbox, conversation
    /// addresses and posted cards (<see cref="INotificationStore"/>), user settings, bot dialog state and the index of
    /// the documents in the library (<see cref="IDocumentIndex"/>), on one SQLite file without references to a local
    /// requests table.
    /// </summary>
    public static IServiceCollection AddSqliteLocalStores(
        this IServiceCollection services, IConfiguration configuration, string defaultPath)
    {
        services.AddSqliteDatabase(configuration, defaultPath);
        services.PostConfigure<SqliteStoreOptions>(options => options.EnforceRequestReferences = false);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<IUserSettingsStore, SqliteUserSettingsStore>();
        services.AddSingleton<IStateStore, SqliteStateStore>();
        services.AddSingleton<IDocumentIndex, SqliteDocumentStore>();
        return services;
    }
}
