using System.ComponentModel.DataAnnotations;

namespace LegalBot.Store.Postgres;

/// <summary>The <c>Store:Postgres</c> configuration section.</summary>
public sealed class PostgresStoreOptions
{
    public const string Section = "Store:Postgres";

    /// <summary>An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Store:Postgres:ConnectionString must be an Npgsql connection string.")]
    public string ConnectionString { get; set; } = string.Empty;
}
