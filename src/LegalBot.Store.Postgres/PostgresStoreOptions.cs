using System.ComponentModel.DataAnnotations;

namespace LegalBot.Store.Postgres;

/// <summary>The <c>Store:Postgres</c> configuration section.</summary>
public sealed class PostgresStoreOptions
{
    public const string Section = "Store:Postgres";

    /// <summary>
    /// An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>); its
    /// <c>Maximum Pool Size</c> is this instance's share of the server's connections.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Store:Postgres:ConnectionString must be an Npgsql connection string.")]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// How long an instance's claim on the due notifications it took holds (default 5 minutes): longer than one
    /// dispatcher pass takes, since another instance may take them once it runs out (the claimer was presumed dead).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Store:Postgres:OutboxClaimLease must be between 00:00:10 and 01:00:00.")]
    public TimeSpan OutboxClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the outbox and posted cards must name a request in this database's requests table (default true). A
    /// deployment whose requests live elsewhere (the SharePoint lists) keeps only its local stores here and turns it
    /// off; the references are then dropped at start. Set by the store registration, not configured.
    /// </summary>
    public bool EnforceRequestReferences { get; set; } = true;
}
