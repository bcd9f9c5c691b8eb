using Microsoft.Extensions.Options;

namespace LegalBot.Application.Export;

/// <summary>The <c>Export</c> section: how big a CSV export may be, how long its consent card stays good, how long an upload may take.</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    public const int MaxMaxRows = 100_000;

    /// <summary>At most this many requests per file (the most recently filed); the user is told when there were more.</summary>
    public int MaxRows { get; set; } = 5_000;

    /// <summary>How long the consent card's Accept stays good; later the user is asked to export again.</summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the upload to the user's OneDrive may take; it happens within the Accept's turn, which Teams waits about 15 seconds for.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Fails at start naming each <c>Export</c> key that cannot be right.</summary>
public sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxRows is < 1 or > ExportOptions.MaxMaxRows)
        {
            failures.Add($"{ExportOptions.Section}:MaxRows must be between 1 and {ExportOptions.MaxMaxRows}.");
        }

        if (options.ConsentLifetime < TimeSpan.FromMinutes(1) || options.ConsentLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{ExportOptions.Section}:ConsentLifetime must be between 00:01:00 and 7.00:00:00.");
        }

        if (options.UploadTimeout < TimeSpan.FromSeconds(1) || options.UploadTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ExportOptions.Section}:UploadTimeout must be between 00:00:01 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
