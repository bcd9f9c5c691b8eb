using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LegalBot.State;

public static class BotStateServiceCollectionExtensions
{
    /// <summary>
    /// Keeps Bot Builder state (<see cref="PrivateConversationState"/>: dialog progress per user and
    /// conversation) in the store backend's <see cref="Core.Stores.IStateStore"/>, which the chosen store
    /// registers next to its other stores.
    /// </summary>
    public static IServiceCollection AddBotState(this IServiceCollection services)
    {
        services.TryAddSingleton<IStorage, StoreBackedStorage>();
        services.TryAddSingleton<PrivateConversationState>();
        return services;
    }
}
