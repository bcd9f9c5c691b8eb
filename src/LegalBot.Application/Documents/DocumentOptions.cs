using LegalBot.Core.Documents;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Documents;

/// <summary>The <c>Documents</c> section: how big a document may be, which types are kept, how long a download may take.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The largest <see cref="MaxBytes"/> that may be configured (the file is held in memory when it is sent back).</summary>
    public const long MaxMaxBytes = 250L * 1024 * 1024;

    /// <summary>A larger file is refused, whatever size Teams says it has: the download stops at this many bytes.</summary>
    public long MaxBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The extensions kept (each checked by content, <see cref="DocumentTypes"/>); null keeps <see cref="DocumentTypes.DefaultAllowed"/>.</summary>
    public IReadOnlyList<string>? AllowedTypes { get; set; }

    /// <summary>How long the download of a file sent in the chat may take.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The allowed types as kept (<see cref="DocumentTypes.Normalize"/>).</summary>
    public IReadOnlySet<string> Allowed() =>
        new HashSet<string>((AllowedTypes is { Count: > 0 } types ? types : DocumentTypes.DefaultAllowed).Select(DocumentTypes.Normalize), StringComparer.Ordinal);
}

/// <summary>Fails at start naming each <c>Documents</c> key that cannot be right.</summary>
public sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBytes is < 1 or > DocumentOptions.MaxMaxBytes)
        {
            failures.Add($"{DocumentOptions.Section}:MaxBytes must be between 1 and {DocumentOptions.MaxMaxBytes}.");
        }

        foreach (var type in options.AllowedTypes ?? [])
        {
            if (string.IsNullOrWhiteSpace(type) || !DocumentTypes.Checkable.Contains(DocumentTypes.Normalize(type)))
            {
                failures.Add($"{DocumentOptions.Section}:AllowedTypes: '{type}' is not a type LegalBot can check by content ({string.Join(", ", DocumentTypes.Checkable.Order(StringComparer.Ordinal))}).");
            }
        }

        if (options.DownloadTimeout < TimeSpan.FromSeconds(1) || options.DownloadTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{DocumentOptions.Section}:DownloadTimeout must be between 00:00:01 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
