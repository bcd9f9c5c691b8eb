using System.Globalization;
using LegalBot.Application.Metrics;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Export;

/// <summary>What <see cref="ExportService.OfferAsync"/> answers.</summary>
public abstract record ExportOffer
{
    /// <summary>A file to offer on a consent card; <paramref name="ConsentId"/> goes in its accept and decline context.</summary>
    public sealed record File(string ConsentId, string FileName, long SizeInBytes, string PeriodName, int Rows, int Total) : ExportOffer
    {
        public bool Truncated => Rows < Total;
    }

    public sealed record NotLegalStaff : ExportOffer;

    public sealed record UnknownPeriod(string Text) : ExportOffer;

    /// <summary>Teams sends files only in the 1:1 chat with the bot.</summary>
    public sealed record NotPersonal : ExportOffer;
}

/// <summary>What an Accept of the consent card comes to (<see cref="ExportService.ClaimAsync"/>).</summary>
public abstract record ExportClaim
{
    /// <summary>Upload <paramref name="Bytes"/>, then call <see cref="ExportService.FinishAsync"/>.</summary>
    public sealed record Ready(string ConsentId, byte[] Bytes, int Rows, int Total, PendingExport Export) : ExportClaim;

    /// <summary>No such export, or it expired.</summary>
    public sealed record Stale : ExportClaim;

    /// <summary>The one accepting is not legal staff (any more).</summary>
    public sealed record NotLegalStaff : ExportClaim;

    /// <summary>Someone else asked for this export.</summary>
    public sealed record NotTheirs : ExportClaim;

    /// <summary>Another Accept of the same card is uploading it now.</summary>
    public sealed record InProgress : ExportClaim;

    /// <summary>Already uploaded.</summary>
    public sealed record AlreadySent : ExportClaim;
}

/// <summary>
/// <c>export</c>: the requests of a period with their metric fields as a CSV file, for legal staff, sent through
/// Teams' file consent flow. The offer keeps who asked and the period on the server (<see cref="PendingExports"/>);
/// the Accept is authorized again from the sender of the Accept itself, who must be that same person and still legal
/// staff: the card's context only names which offer, never who may take it.
/// </summary>
public sealed class ExportService(
    AccessPolicy access,
    RequestTypeCatalog catalog,
    ServiceLevelClock clock,
    MetricsService metrics,
    PendingExports pending,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ExportService> logger,
    IRequestFacts facts)
{
    public async Task<ExportOffer> OfferAsync(string actorAadObjectId, string periodText, bool isPersonal, CancellationToken cancellationToken)
    {
        if (access.RoleOf(actorAadObjectId) != Role.LegalStaff)
        {
            return new ExportOffer.NotLegalStaff();
        }

        if (!isPersonal)
        {
            return new ExportOffer.NotPersonal();
        }

        var now = time.GetUtcNow();
        if (MetricsPeriods.Parse(periodText, now, clock.Zone) is not { } period)
        {
            return new ExportOffer.UnknownPeriod(periodText);
        }

        var name = periodText.Length == 0 ? MetricsPeriods.Default : periodText;
        var export = new PendingExport(actorAadObjectId, name, period.From, period.To, period.FirstDay, period.LastDay, now);
        var file = await WriteAsync(export, cancellationToken);
        var id = PendingExports.NewId();
        await pending.SaveAsync(id, export, cancellationToken);
        Log.ExportOffered(logger, id, actorAadObjectId, file.Rows, file.Total);
        return new ExportOffer.File(id, FileName(export), file.Bytes.LongLength, name, file.Rows, file.Total);
    }

    /// <summary>
    /// The Accept of consent <paramref name="consentId"/> by <paramref name="actorAadObjectId"/> (the invoke's sender):
    /// when they may have it, the export is marked as uploading (one Accept wins) and its file written afresh.
    /// </summary>
    public async Task<ExportClaim> ClaimAsync(string actorAadObjectId, string? consentId, CancellationToken cancellationToken)
    {
        if (!PendingExports.IsWellFormed(consentId) || await pending.FindAsync(consentId!, cancellationToken) is not var (export, etag))
        {
            return Refused(new ExportClaim.Stale(), consentId, actorAadObjectId);
        }

        var now = time.GetUtcNow();
        if (now - export.OfferedAt > options.Value.ConsentLifetime)
        {
            await pending.DeleteAsync(consentId!, cancellationToken);
            return Refused(new ExportClaim.Stale(), consentId, actorAadObjectId);
        }

        if (access.RoleOf(actorAadObjectId) != Role.LegalStaff)
        {
            return Refused(new ExportClaim.NotLegalStaff(), consentId, actorAadObjectId);
        }

        if (!string.Equals(export.RequesterAadObjectId, actorAadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(new ExportClaim.NotTheirs(), consentId, actorAadObjectId);
        }

        switch (export.Status)
        {
            case ExportStatus.Sent:
                return new ExportClaim.AlreadySent();
            case ExportStatus.Uploading when now - export.UploadStartedAt < 2 * options.Value.UploadTimeout:
                return new ExportClaim.InProgress();
        }

        var uploading = export with { Status = ExportStatus.Uploading, UploadStartedAt = now };
        if (!await pending.TryReplaceAsync(consentId!, uploading, etag, cancellationToken))
        {
            return new ExportClaim.InProgress();
        }

        var file = await WriteAsync(export, cancellationToken);
        return new ExportClaim.Ready(consentId!, file.Bytes, file.Rows, file.Total, uploading);
    }

    /// <summary>
    /// After the upload: sent, so another Accept sends nothing; or failed, so the same card's Accept may try again.
    /// Etags are not checked: the claim made this turn the only one uploading.
    /// </summary>
    public async Task FinishAsync(ExportClaim.Ready claim, bool uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var export = claim.Export with { Status = uploaded ? ExportStatus.Sent : ExportStatus.Offered, UploadStartedAt = null };
        await pending.SaveAsync(claim.ConsentId, export, cancellationToken);
    }

    /// <summary>The Decline: the offer is dropped when the one declining is who asked for it.</summary>
    public async Task DeclineAsync(string actorAadObjectId, string? consentId, CancellationToken cancellationToken)
    {
        if (PendingExports.IsWellFormed(consentId) && await pending.FindAsync(consentId!, cancellationToken) is var (export, _)
            && string.Equals(export.RequesterAadObjectId, actorAadObjectId, StringComparison.OrdinalIgnoreCase)
            && export.Status == ExportStatus.Offered)
        {
            await pending.DeleteAsync(consentId!, cancellationToken);
        }
    }

    /// <summary>How many expired exports one sweep removes at most; the next sweep takes the rest.</summary>
    public const int SweepBatch = 500;

    /// <summary>
    /// Removes the exports no Accept can take any more: every document last written longer ago than the consent's
    /// lifetime and two upload timeouts (an export is written when offered, claimed and finished, never later than an
    /// Accept within its lifetime, so no live offer or upload is touched). Sent and unanswered offers alike.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var swept = await pending.DeleteWrittenBeforeAsync(time.GetUtcNow() - o.ConsentLifetime - (2 * o.UploadTimeout), SweepBatch, cancellationToken);
        if (swept > 0)
        {
            Log.ExportsSwept(logger, swept);
        }

        return swept;
    }

    /// <summary>The file's name, the period's first and last days in it: <c>legal-requests-2026-11-01-to-2026-11-30.csv</c>.</summary>
    public static string FileName(PendingExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return string.Create(CultureInfo.InvariantCulture, $"legal-requests-{export.FirstDay:yyyy-MM-dd}-to-{export.LastDay:yyyy-MM-dd}.csv");
    }

    private async Task<RequestsFile> WriteAsync(PendingExport export, CancellationToken cancellationToken)
    {
        var read = await facts!.FactsAsync(export.From, export.To, cancellationToken);
        return RequestsCsv.Write(
            read,
            options.Value.MaxRows,
            metrics.Rates(),
            clock.Calendar,
            clock.Zone,
            clock.Today,
            new ExportNames(
                type => catalog.Find(type)?.Name ?? type,
                id => access.Professional(id) is { } p ? (p.Name, p.Firm) : null));
    }

    private ExportClaim Refused(ExportClaim claim, string? consentId, string actorAadObjectId)
    {
        Log.ExportRefused(logger, consentId, actorAadObjectId, claim.GetType().Name);
        return claim;
    }
}
