using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace LegalBot.Store.Graph;

public static class GraphStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Store:Graph</c> options (validated at start, naming each missing key), the
    /// <see cref="GraphServiceClient"/> built by <see cref="GraphClients"/>, and the <see cref="ListProvisioner"/>.
    /// </summary>
    public static IServiceCollection AddGraphLists(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphStoreOptions>()
            .Bind(configuration.GetSection(GraphStoreOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphStoreOptions>, GraphStoreOptionsValidator>());
        services.TryAddSingleton(provider => GraphClients.Create(provider.GetRequiredService<IOptions<GraphStoreOptions>>().Value));
        services.TryAddSingleton<ListProvisioner>();
        return services;
    }

    /// <summary>
    /// The request store on the SharePoint lists (<see cref="GraphRequestStore"/>), which also finds edits made in
    /// Microsoft Lists (<see cref="LegalBot.Core.Stores.IOutsideEdits"/>) and gives the metrics' facts
    /// (<see cref="LegalBot.Core.Stores.IRequestFacts"/>), with what <see cref="AddGraphLists"/> registers.
    /// </summary>
    public static IServiceCollection AddGraphRequestStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGraphLists(configuration);
        services.AddSingleton<GraphRequestStore>();
        services.AddSingleton<LegalBot.Core.Stores.IRequestStore>(provider => provider.GetRequiredService<GraphRequestStore>());
        services.AddSingleton<LegalBot.Core.Stores.IOutsideEdits>(provider => provider.GetRequiredService<GraphRequestStore>());
        services.AddSingleton<LegalBot.Core.Stores.IRequestFacts>(provider => provider.GetRequiredService<GraphRequestStore>());
        return services;
    }

    /// <summary>
    /// The requests' files in the document library of <see cref="GraphStoreOptions.DocumentsDriveId"/>
    /// (<see cref="LibraryDocumentStore"/> as the <see cref="LegalBot.Core.Stores.IDocumentStore"/>, over the local
    /// <see cref="LegalBot.Core.Stores.IDocumentIndex"/> the local stores register), uploaded without the bearer token.
    /// </summary>
    public static IServiceCollection AddGraphDocumentLibrary(this IServiceCollection services)
    {
        services.AddSingleton(provider => new GraphDocumentLibrary(
            provider.GetRequiredService<GraphServiceClient>(),
            provider.GetRequiredService<IOptions<GraphStoreOptions>>(),
            GraphClients.CreateUploadAdapter()));
        services.AddSingleton<LibraryDocumentStore>();
        services.AddSingleton<LegalBot.Core.Stores.IDocumentStore>(provider => provider.GetRequiredService<LibraryDocumentStore>());
        return services;
    }
}
