using System.ComponentModel.DataAnnotations;

namespace LegalBot.Store.Sqlite;

/// <summary>The <c>Store:Sqlite</c> configuration section.</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Store:Sqlite";

    /// <summary>
    /// The database file. Relative paths are resolved against the process's current directory;
    /// the folder and the file are created on first use.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Store:Sqlite:Path must name the SQLite database file.")]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Whether outbox and card rows must name a request in this file (foreign keys on). Off where the requests live
    /// in another system (the SharePoint store) and this file keeps only the outbox, state and settings; set by the
    /// store registration, not configured.
    /// </summary>
    public bool EnforceRequestReferences { get; set; } = true;
}
