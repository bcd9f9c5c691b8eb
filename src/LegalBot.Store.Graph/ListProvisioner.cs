using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using GraphList = Microsoft.Graph.Models.List;

namespace LegalBot.Store.Graph;

/// <summary>The lists as found or made: their ids and what was changed to get them there.</summary>
public sealed record ProvisionedLists(string RequestsListId, string HistoryListId, string RosterListId, IReadOnlyList<string> Changes);

/// <summary>An existing list that cannot be used as it is (a column of the wrong type); nothing was changed.</summary>
public sealed class ListSchemaException : InvalidOperationException
{
    public ListSchemaException()
    {
    }

    public ListSchemaException(string message)
        : base(message)
    {
    }

    public ListSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Creates the requests, history and ALSP roster lists when they are missing, with a typed column per field and the columns
/// the store filters on indexed; on an existing list, adds missing columns and indexes, and refuses a column of
/// the wrong type. A second run only reads (one request per list).
/// </summary>
public sealed class ListProvisioner(GraphServiceClient graph, IOptions<GraphStoreOptions> options, ILogger<ListProvisioner> logger)
{
    private GraphStoreOptions Options => options.Value;

    public async Task<ProvisionedLists> EnsureListsAsync(CancellationToken cancellationToken = default)
    {
        var changes = new List<string>();
        var requests = await EnsureAsync(Options.RequestsList, ListSchema.RequestsList, changes, cancellationToken);
        var history = await EnsureAsync(Options.HistoryList, ListSchema.HistoryList, changes, cancellationToken);
        var roster = await EnsureAsync(Options.RosterList, ListSchema.RosterList, changes, cancellationToken);
        return new ProvisionedLists(requests, history, roster, changes);
    }

    private async Task<string> EnsureAsync(string listRef, ListSpec spec, List<string> changes, CancellationToken cancellationToken)
    {
        var lists = graph.Sites[Options.SiteId].Lists;
        GraphList? existing;
        try
        {
            existing = await lists[listRef].GetAsync(r => r.QueryParameters.Expand = ["columns"], cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            existing = null;
        }

        if (existing is null)
        {
            var created = await lists.PostAsync(new GraphList
            {
                DisplayName = listRef,
                Columns = [.. spec.Columns.Select(Definition)],
                ListProp = new ListInfo { Template = "genericList" },
            }, cancellationToken: cancellationToken) ?? throw new InvalidOperationException($"Graph returned no list after creating '{listRef}'.");
            Log.ListCreated(logger, spec.Key, created.Id!);
            changes.Add($"created list '{listRef}' with {spec.Columns.Count} columns ({spec.Indexed.Count()} indexed)");
            return created.Id!;
        }

        var columns = existing.Columns ?? [];
        var wrong = spec.Columns
            .Select(c => (Spec: c, Found: columns.FirstOrDefault(f => string.Equals(f.Name, c.Name, StringComparison.Ordinal))))
            .Where(p => p.Found is not null && TypeOf(p.Found) != p.Spec.Type)
            .Select(p => $"'{p.Spec.Name}' is {Describe(TypeOf(p.Found!))}, expected {Describe(p.Spec.Type)}")
            .ToList();
        if (wrong.Count > 0)
        {
            throw new ListSchemaException($"The SharePoint list '{listRef}' has columns of the wrong type: {string.Join("; ", wrong)}. Rename or remove them, or point {GraphStoreOptions.Section} at another list.");
        }

        var listColumns = lists[existing.Id!].Columns;
        foreach (var spec1 in spec.Columns)
        {
            var found = columns.FirstOrDefault(f => string.Equals(f.Name, spec1.Name, StringComparison.Ordinal));
            if (found is null)
            {
                await listColumns.PostAsync(Definition(spec1), cancellationToken: cancellationToken);
                Log.ColumnAdded(logger, spec1.Name, spec.Key);
                changes.Add($"added column '{spec1.Name}' to '{listRef}'{(spec1.Indexed ? " (indexed)" : "")}");
            }
            else if ((spec1.Indexed && found.Indexed != true) || (spec1.Unique && found.EnforceUniqueValues != true))
            {
                await listColumns[found.Id!].PatchAsync(
                    new ColumnDefinition { Indexed = true, EnforceUniqueValues = spec1.Unique ? true : null }, cancellationToken: cancellationToken);
                Log.ColumnIndexed(logger, spec1.Name, spec.Key);
                changes.Add($"indexed column '{spec1.Name}' of '{listRef}'{(spec1.Unique ? " (unique values)" : "")}");
            }
        }

        Log.ListReady(logger, spec.Key, existing.Id!);
        return existing.Id!;
    }

    private static ColumnDefinition Definition(ColumnSpec spec)
    {
        var column = new ColumnDefinition { Name = spec.Name, DisplayName = spec.DisplayName, Indexed = spec.Indexed, EnforceUniqueValues = spec.Unique ? true : null };
        switch (spec.Type)
        {
            case ColumnType.Text:
                column.Text = new TextColumn { AllowMultipleLines = false, MaxLength = 255 };
                break;
            case ColumnType.Note:
                column.Text = new TextColumn { AllowMultipleLines = true, TextType = "plain" };
                break;
            case ColumnType.Number:
                column.Number = new NumberColumn();
                break;
            case ColumnType.DateTime:
                column.DateTime = new DateTimeColumn { Format = "dateTime" };
                break;
            case ColumnType.DateOnly:
                column.DateTime = new DateTimeColumn { Format = "dateOnly" };
                break;
        }

        return column;
    }

    private static ColumnType? TypeOf(ColumnDefinition column) => column switch
    {
        { Text.AllowMultipleLines: true } => ColumnType.Note,
        { Text: not null } => ColumnType.Text,
        { Number: not null } => ColumnType.Number,
        { DateTime.Format: "dateOnly" } => ColumnType.DateOnly,
        { DateTime: not null } => ColumnType.DateTime,
        _ => null,
    };

    private static string Describe(ColumnType? type) => type switch
    {
        ColumnType.Text => "a single line of text",
        ColumnType.Note => "multiple lines of text",
        ColumnType.Number => "a number",
        ColumnType.DateTime => "a date and time",
        ColumnType.DateOnly => "a date",
        _ => "of another type",
    };
}
