using Azure.Identity;
using LegalBot.Store.Graph;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models.ODataErrors;

namespace LegalBot.Hosting;

/// <summary>
/// <c>provision</c>: creates or completes the SharePoint lists of the Microsoft 365 mode (requests, their history and
/// the ALSP roster, with typed and indexed columns) on the configured site, and prints what it changed; a second run changes
/// nothing. It reads the same configuration as the bot (appsettings, environment, user secrets, command line).
/// </summary>
public static class ProvisionCommand
{
    public const string Name = "provision";

    /// <summary>Exit codes: done; a list cannot be used as it is; the settings are incomplete; Graph refused or failed; sign-in failed.</summary>
    public const int Done = 0, SchemaConflict = 1, BadSettings = 2, GraphFailed = 3, SignInFailed = 4;

    public static bool IsInvoked(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<IConfigurationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());
        configure?.Invoke(builder.Configuration);
        builder.Services.AddGraphLists(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();

        GraphStoreOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<GraphStoreOptions>>().Value;
        }
        catch (OptionsValidationException invalid)
        {
            await output.WriteLineAsync("The Microsoft 365 settings are incomplete; nothing was changed:");
            foreach (var failure in invalid.Failures)
            {
                await output.WriteLineAsync("  " + failure);
            }

            return BadSettings;
        }

        await output.WriteLineAsync($"Provisioning the lists '{options.RequestsList}', '{options.HistoryList}' and '{options.RosterList}' on site {options.SiteId}...");
        try
        {
            var lists = await services.GetRequiredService<ListProvisioner>().EnsureListsAsync(cancellationToken);
            foreach (var change in lists.Changes)
            {
                await output.WriteLineAsync("  " + change);
            }

            await output.WriteLineAsync(lists.Changes.Count == 0 ? "Every list is up to date; nothing was changed." : $"Done: {lists.Changes.Count} change(s).");
            await output.WriteLineAsync($"Requests list id: {lists.RequestsListId}");
            await output.WriteLineAsync($"History list id: {lists.HistoryListId}");
            await output.WriteLineAsync($"Roster list id: {lists.RosterListId}");
            return Done;
        }
        catch (ListSchemaException conflict)
        {
            await output.WriteLineAsync(conflict.Message);
            return SchemaConflict;
        }
        catch (ODataError error)
        {
            await output.WriteLineAsync($"Microsoft Graph answered {error.ResponseStatusCode} {error.Error?.Code}: {error.Error?.Message}");
            return GraphFailed;
        }
        catch (AuthenticationFailedException signIn)
        {
            var reason = (signIn.InnerException ?? signIn).Message.Split('\n', 2)[0].Trim();
            await output.WriteLineAsync($"Signing in to Microsoft Entra ID as app {options.ClientId} failed: {reason}");
            return SignInFailed;
        }
        catch (HttpRequestException unreachable)
        {
            await output.WriteLineAsync($"Microsoft Graph could not be reached: {unreachable.Message}");
            return GraphFailed;
        }
    }
}
