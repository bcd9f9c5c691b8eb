using LegalBot.Store.Sqlite;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LegalBot.State;

public static class BotStateServiceCollectionExtensions
{
    /// <summary>
    /// Keeps Bot Builder state (<see cref="PrivateConversationState"/>: dialog progress per user and
    /// conversation) in the LegalBot SQLite database (<c>Store:Sqlite</c>).
    /// </summary>
    /// <param name="defaultPath">The database file used when <c>Store:Sqlite:Path</c> is not configured.</param>
    public static IServiceCollection AddSqliteBotState(
        this IServiceCollection services, IConfiguration configuration, string defaultPath)
    {
        services.AddSqliteDatabase(configuration, defaultPath);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorage, SqliteBotStorage>();
        services.TryAddSingleton<PrivateConversationState>();
        return services;
    }
}
