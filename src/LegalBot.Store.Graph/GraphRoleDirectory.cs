using System.Globalization;
using System.Net;
using System.Text.Json;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Roster = LegalBot.Store.Graph.ListSchema.Roster;

namespace LegalBot.Store.Graph;

/// <summary>
/// Reads roles from Microsoft Entra ID and the roster list: the transitive members of the legal-staff and ALSP groups
/// (<c>GET /groups/{id}/transitiveMembers/microsoft.graph.user</c>: members of nested groups count, guests are users
/// like any other; ids only, which <c>GroupMember.Read.All</c> allows), page by page as Graph's
/// <c>@odata.nextLink</c> leads, and every item of the ALSP roster list. Runs in the background only (the role refresh),
/// never within a turn. Throttling is retried by the client's pipeline within its budget.
/// </summary>
public sealed class GraphRoleDirectory(
    GraphServiceClient graph,
    IOptions<GraphStoreOptions> storeOptions,
    IOptions<RoleOptions> roleOptions,
    ILogger<GraphRoleDirectory> logger,
    TimeProvider? time = null) : IRoleDirectory
{
    /// <summary>Members per page asked for (Graph's most for directory objects).</summary>
    public const int MemberPageSize = 999;

    /// <summary>Roster items per page asked for.</summary>
    public const int RosterPageSize = 500;

    /// <summary>Pages followed at most per group or list: past this the read is refused rather than looping on a server's links.</summary>
    private const int MaxPages = 1000;

    private static readonly char[] SpecialtySeparators = [',', ';', '\n'];

    private readonly GraphCalls calls = new(graph, time);

    public async Task<RoleDirectoryRead> ReadAsync(CancellationToken cancellationToken)
    {
        var roles = roleOptions.Value;
        var legalStaff = await MembersAsync(roles.LegalStaffGroupId, nameof(RoleOptions.LegalStaffGroupId), cancellationToken);
        var alsp = await MembersAsync(roles.AlspGroupId, nameof(RoleOptions.AlspGroupId), cancellationToken);
        var roster = alsp is null ? [] : await RosterAsync(cancellationToken);
        return new RoleDirectoryRead(legalStaff, alsp, roster);
    }

    private async Task<IReadOnlySet<string>?> MembersAsync(string? groupId, string key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(groupId))
        {
            return null;
        }

        // An OData cast on a directory relationship is an advanced query: ConsistencyLevel eventual and $count.
        var request = graph.Groups[groupId.Trim()].TransitiveMembers.GraphUser.ToGetRequestInformation(q =>
        {
            q.QueryParameters.Select = ["id"];
            q.QueryParameters.Count = true;
            q.QueryParameters.Top = MemberPageSize;
            q.Headers.Add("ConsistencyLevel", "eventual");
        });
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var what = $"the members of the group {RoleOptions.Section}:{key}";
        await foreach (var page in PagesAsync(request, what, RoleDirectoryFailure.GroupNotFound, cancellationToken))
        {
            foreach (var user in Values(page))
            {
                if (user.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } value)
                {
                    members.Add(value);
                }
            }
        }

        Log.GroupRead(logger, key, members.Count);
        return members;
    }

    private async Task<IReadOnlyList<RosterRow>> RosterAsync(CancellationToken cancellationToken)
    {
        var list = storeOptions.Value.RosterList;
        var request = graph.Sites[storeOptions.Value.SiteId].Lists[list].Items.ToGetRequestInformation(q =>
        {
            q.QueryParameters.Select = ["id"];
            q.QueryParameters.Expand = [$"fields($select={Roster.Title},{Roster.ProfessionalId},{Roster.Email},{Roster.Firm},{Roster.Specialties},{Roster.HourlyRate},{Roster.WeeklyCapacity})"];
            q.QueryParameters.Top = RosterPageSize;
        });
        var rows = new List<RosterRow>();
        await foreach (var page in PagesAsync(request, $"the roster list '{list}' ({GraphStoreOptions.Section}:RosterList)", RoleDirectoryFailure.RosterNotFound, cancellationToken))
        {
            foreach (var item in Values(page))
            {
                rows.Add(Row(list, item));
            }
        }

        return rows;
    }

    private async IAsyncEnumerable<JsonElement> PagesAsync(
        RequestInformation request,
        string what,
        RoleDirectoryFailure notFound,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequestInformation? next = request;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages == MaxPages)
            {
                throw new RoleDirectoryException(RoleDirectoryFailure.Unavailable, $"Microsoft Graph returned more than {MaxPages} pages of {what}.");
            }

            GraphReply reply;
            try
            {
                reply = await calls.SendAsync(next, cancellationToken);
            }
            catch (RequestStoreUnavailableException unavailable)
            {
                throw new RoleDirectoryException(RoleDirectoryFailure.Unavailable, $"Could not read {what}: {unavailable.Message}", unavailable);
            }

            var page = reply switch
            {
                { Succeeded: true, Body: { } body } => body,
                { Status: (int)HttpStatusCode.NotFound } => throw new RoleDirectoryException(notFound, $"Microsoft Graph does not know {what} (404)."),
                { Status: (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.Unauthorized } => throw new RoleDirectoryException(
                    RoleDirectoryFailure.Forbidden,
                    $"Microsoft Graph refused to read {what} ({reply.Status}): the app needs the application permission GroupMember.Read.All (admin consent) and its grant on the site."),
                _ => throw new RoleDirectoryException(RoleDirectoryFailure.Unavailable, $"Microsoft Graph answered {reply.Status} reading {what}."),
            };
            yield return page;
            next = GraphCalls.FollowNextLink(page, next);
        }
    }

    private static IEnumerable<JsonElement> Values(JsonElement page) =>
        page.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray() : [];

    /// <summary>A roster item as a professional; values that are missing or of the wrong kind are left empty for the rules to name.</summary>
    private static RosterRow Row(string list, JsonElement item)
    {
        var itemId = item.TryGetProperty("id", out var id) ? id.GetString() : null;
        var fields = item.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        string? Text(string name) =>
            fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()?.Trim() : null;
        decimal? Number(string name) =>
            fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
                && value.TryGetDecimal(out var number) ? number : null;

        var professional = new AlspProfessional
        {
            AadObjectId = Text(Roster.ProfessionalId) ?? "",
            Name = Text(Roster.Title) ?? "",
            Email = Text(Roster.Email) is { Length: > 0 } email ? email : null,
            Firm = Text(Roster.Firm) ?? "",
            Specialties = [.. (Text(Roster.Specialties) ?? "").Split(SpecialtySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],

            // A missing rate or capacity is out of range on purpose: a row must say both.
            HourlyRate = Number(Roster.HourlyRate) ?? -1,
            WeeklyCapacity = Number(Roster.WeeklyCapacity) is { } capacity && capacity == decimal.Truncate(capacity) && capacity is >= int.MinValue and <= int.MaxValue
                ? (int)capacity : -1,
        };
        return new RosterRow(string.Create(CultureInfo.InvariantCulture, $"{list} item {itemId}"), professional);
    }
}
