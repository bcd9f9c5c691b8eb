using System.Globalization;
using System.Net;
using LegalBot.Application.Documents;
using LegalBot.Application.Reminders;
using LegalBot.Application.Workflow;
using LegalBot.Bot;
using LegalBot.Cards.Builders;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.Rest;

namespace LegalBot.Notifications;

/// <summary>
/// Delivers the outbox: each notification once, in order per recipient, within Teams' rate limits.
/// Retries on 429 (honouring Retry-After), 5xx, resets and timeouts with backoff and jitter; gives up after
/// <see cref="DispatcherOptions.GiveUpAfter"/>, records why, and shows it on the legal team's card.
/// The id the channel gives each post is recorded at once (a card in posted_cards, every post on its outbox
/// row): a request's card is posted once per person and then updated in place, and a message the channel
/// already took is not posted again by a retry after a crash. (A post the channel took but never answered,
/// such as one that timed out, cannot be told apart from a lost one and is sent again.)
/// Activity-feed notifications (<see cref="NotificationKinds.ActivityFeed"/>) go through <see cref="IActivityFeed"/>
/// with the same retries; one refused for good (the permission not granted, the app not installed for the person, no
/// such person) is logged once (event 2060) and marked failed, and is not shown on the legal team's card: the chat
/// message it repeats is how the person hears of it.
/// </summary>
public sealed class NotificationDispatcher(
    INotificationStore store,
    IRequestStore requests,
    RequestCards cards,
    TeamsGateway gateway,
    SendThrottle throttle,
    CardUpdates updates,
    TimeProvider time,
    IOptions<DispatcherOptions> options,
    BotTelemetry telemetry,
    ILogger<NotificationDispatcher> logger,
    IOptions<ActivityFeedOptions> feedOptions,
    ITeamsAppInstaller? installer = null,
    IActivityFeed? feed = null,
    DocumentParties? documents = null) : BackgroundService, INotificationSignal
{
    /// <summary>Busy passes between two samples of the outbox depth; an idle dispatcher samples every pass.</summary>
    private const int SampleEvery = 20;

    private int passesSinceSample = SampleEvery;
    private const int Batch = 200;
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Called after a change is saved, so its notifications go out now rather than at the next poll.</summary>
    public void Notify()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await RunOnceAsync(stoppingToken);
                if (delivered == 0 || ++passesSinceSample >= SampleEvery)
                {
                    passesSinceSample = 0;
                    telemetry.Outbox(await store.DepthAsync(stoppingToken));
                }

                if (delivered == 0)
                {
                    await IdleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store is unavailable (locked, disk): wait and try again; nothing is lost.
                Log.DispatchLoopFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Waits for a wake-up or the poll interval, whichever comes first. The losing wait is cancelled: a wait on
    /// the signal left behind would take the next wake-up for itself, and the dispatcher would sleep through it.
    /// </summary>
    private async Task IdleAsync(CancellationToken stoppingToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = wake.WaitAsync(idle.Token);
        var polled = Task.Delay(options.Value.PollInterval, time, idle.Token);
        await Task.WhenAny(woken, polled);
        await idle.CancelAsync();
        await Task.WhenAll(woken, polled).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Delivers what is due now; returns how many notifications were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimedAt = time.GetUtcNow();
        var due = await store.DueAsync(claimedAt, Batch, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // With several instances on one outbox, the pass keeps its claim on the rows until each is handled.
        await using var claims = OutboxClaims.Keep(store, due, claimedAt, time, logger);

        // In order per recipient (the order they were saved in, whatever their retry times); recipients in parallel.
        // Each delivery runs on the process's token, not the loop's: the loop cancels its token when another
        // recipient's delivery fails (the store down as it records a retry), and a post the channel took would then
        // be dropped before its id is recorded, and posted again by the next pass.
        var groups = due.GroupBy(d => d.Notification.Recipient, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderBy(d => d.Id));
        await Parallel.ForEachAsync(
            groups,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (group, _) =>
            {
                foreach (var item in group)
                {
                    if (!await DeliverAsync(item, claims, cancellationToken))
                    {
                        break;
                    }
                }
            });
        return due.Count;
    }

    /// <summary>Returns false when the item must wait (later items for the same recipient wait too).</summary>
    private async Task<bool> DeliverAsync(OutboxItem item, OutboxClaims claims, CancellationToken cancellationToken)
    {
        try
        {
            return await DeliverAsync(item, () => claims.EnsureHeld(item.Id), cancellationToken);
        }
        catch (OutboxClaimLostException)
        {
            // Another instance may be sending it now: nothing here touches the row.
            Log.ClaimLost(logger, item.Id, item.Notification.Number);
            return false;
        }
        finally
        {
            claims.Done(item.Id);
        }
    }

    /// <param name="ensureClaimed">Called right before each send to the channel: throws when the row is no longer this instance's.</param>
    private async Task<bool> DeliverAsync(OutboxItem item, Action ensureClaimed, CancellationToken cancellationToken)
    {
        var n = item.Notification;
        if (n.Kind == NotificationKinds.ActivityFeed && FeedOff(n) is { } off)
        {
            // Queued while the feed was on, or unreadable: nothing to send it with.
            Log.ActivityFeedNotRaised(logger, item.Id, n.Number, n.Recipient, off);
            await store.MarkFailedAsync(item.Id, time.GetUtcNow(), off, CancellationToken.None);
            return true;
        }

        if (n.Kind == NotificationKinds.ShareDocuments && documents is not { SharesDocuments: true })
        {
            // Queued while the files were in a library; this deployment keeps them elsewhere, with nothing to share.
            await store.MarkDeliveredAsync(item.Id, time.GetUtcNow(), CancellationToken.None);
            return true;
        }

        try
        {
            await SendAsync(item, ensureClaimed, cancellationToken);
            await store.MarkDeliveredAsync(item.Id, time.GetUtcNow(), CancellationToken.None);
            Log.Delivered(logger, item.Id, n.Number, n.Kind);
            telemetry.Delivered(n.Kind);
            return true;
        }
        catch (Exception ex) when (ex is not OutboxClaimLostException && !cancellationToken.IsCancellationRequested)
        {
            var (retry, after, reason) = Classify(ex);
            var now = time.GetUtcNow();
            if (!retry || now - item.CreatedAt >= options.Value.GiveUpAfter)
            {
                if (n.Kind == NotificationKinds.ActivityFeed)
                {
                    // The chat message it repeats is the person's notice; legal staff are not told of the feed.
                    Log.ActivityFeedNotRaised(logger, item.Id, n.Number, n.Recipient, reason);
                    await store.MarkFailedAsync(item.Id, now, reason, CancellationToken.None);
                    telemetry.GaveUp(n.Kind);
                    return true;
                }

                await store.MarkFailedAsync(item.Id, now, reason, CancellationToken.None);
                telemetry.GaveUp(n.Kind);
                if (n.Kind == NotificationKinds.ShareDocuments)
                {
                    // Nobody was to be messaged: legal staff's card says the files may not open for everyone.
                    Log.DocumentsNotShared(logger, item.Id, n.Number, reason);
                }
                else
                {
                    Log.GaveUp(logger, item.Id, n.Number, n.Kind, reason);
                }

                if (n.Kind != NotificationKinds.Refresh)
                {
                    // Show the failure on the legal team's copies of the card.
                    await store.EnqueueAsync(
                        [new Notification($"{n.Number}:failed:{item.Id}:refresh", n.Number, NotificationKinds.Everyone, NotificationKinds.Refresh, null)],
                        now,
                        CancellationToken.None);
                }

                return true;
            }

            var next = now + (after ?? Backoff(item.Attempts));
            await store.MarkRetryAsync(item.Id, next, reason, CancellationToken.None);
            Log.WillRetry(logger, item.Id, n.Number, reason, next);
            telemetry.Retried(n.Kind);
            return false;
        }
    }

    /// <param name="cancellationToken">
    /// Stops the process; until then, the id of a message the channel took is kept until it is recorded. Each call to
    /// the channel has its own <see cref="DispatcherOptions.SendTimeout"/> (<see cref="ThrottledAsync"/>).
    /// </param>
    private async Task SendAsync(OutboxItem item, Action ensureClaimed, CancellationToken cancellationToken)
    {
        var n = item.Notification;
        if (n.Kind == NotificationKinds.ActivityFeed)
        {
            // Checked by FeedOff before: the feed is on and the row readable.
            var notice = ActivityFeedText.Parse(n)!;
            if (installer is not null && await store.GetAddressAsync(notice.UserId, cancellationToken) is null)
            {
                // Graph refuses a feed notification to someone without the app: the chat notification it repeats may
                // not have installed it yet (it is delivered on its own), so the feed row installs it first the same way.
                var about = await requests.GetAsync(n.Number, cancellationToken);
                await AddressForAsync(notice.UserId, about?.TenantId, cancellationToken);
            }

            ensureClaimed();
            await TimedAsync(
                async ct =>
                {
                    await feed!.SendAsync(notice, ct);
                    return true;
                },
                cancellationToken);
            return;
        }

        if (n.Kind == NotificationKinds.ShareDocuments)
        {
            ensureClaimed();
            await documents!.ShareAsync(n.Number, cancellationToken);

            // Every file is now shared with the parties as they are: an earlier sharing given up on no longer holds, so
            // legal staff's cards stop saying so.
            if (await store.ForgetFailedAsync(n.Number, NotificationKinds.ShareDocuments, item.Id, CancellationToken.None) > 0)
            {
                await store.EnqueueAsync(
                    [new Notification($"{n.Number}:shared:{item.Id}:refresh", n.Number, NotificationKinds.Everyone, NotificationKinds.Refresh, null)],
                    time.GetUtcNow(),
                    CancellationToken.None);
            }

            return;
        }

        var request = await requests.GetAsync(n.Number, cancellationToken);
        if (request is null && n.Kind is not (NotificationKinds.Text or NotificationKinds.Digest))
        {
            // Nothing to show: the request is gone (deleted from the list). A text still goes: it may say so.
            return;
        }

        switch (n.Kind)
        {
            case NotificationKinds.Refresh:
                foreach (var posted in await store.CardsAsync(n.Number, cancellationToken))
                {
                    var address = await store.GetAddressAsync(posted.ConversationKey, cancellationToken);
                    if (address is not null)
                    {
                        await UpdateCardAsync(posted, address, ensureClaimed, cancellationToken);
                    }
                }

                return;
            case NotificationKinds.Card when request is not null:
            {
                var address = await AddressForAsync(n.Recipient, request.TenantId, cancellationToken);
                if (address is null)
                {
                    return;
                }

                var existing = (await store.CardsAsync(n.Number, cancellationToken))
                    .FirstOrDefault(c => c.Recipient == n.Recipient && c.ConversationKey == address.Key);
                if (existing is null && item.ActivityId is { } sent)
                {
                    // Posted by an earlier attempt that stopped before recording the card: record it now.
                    existing = new PostedCard(n.Number, n.Recipient, address.Key, sent);
                    await store.SaveCardAsync(existing, CancellationToken.None);
                }

                if (existing is not null)
                {
                    await UpdateCardAsync(existing, address, ensureClaimed, cancellationToken);
                    return;
                }

                var view = await cards.ViewAsync(request, Viewer(n.Recipient), cancellationToken: cancellationToken);
                var id = await ThrottledAsync(address, ensureClaimed, ct => gateway.PostAsync(address, ActivityMapper.CardActivity(view.Card), ct), cancellationToken);
                if (id is not null)
                {
                    // The card is in the chat: record it before anything else can fail, so a retry updates it
                    // in place instead of posting a second one.
                    await RecordPostedAsync(
                        item,
                        async ct =>
                        {
                            await store.SaveCardAsync(new PostedCard(n.Number, n.Recipient, address.Key, id, view.ContentHash), ct);
                            await store.MarkSentAsync(item.Id, id, ct);
                        },
                        cancellationToken);
                }

                return;
            }

            case NotificationKinds.Text or NotificationKinds.Notice or NotificationKinds.Digest:
            {
                if (item.ActivityId is not null)
                {
                    // Already in the chat: an earlier attempt stopped before marking it delivered.
                    Log.AlreadySent(logger, item.Id, n.Number);
                    return;
                }

                var message = Message(n, request);
                var address = message is null ? null : await AddressForAsync(n.Recipient, request?.TenantId, cancellationToken);
                if (address is null)
                {
                    return;
                }

                var id = await ThrottledAsync(address, ensureClaimed, ct => gateway.PostAsync(address, message!, ct), cancellationToken);
                if (id is not null)
                {
                    await RecordPostedAsync(item, ct => store.MarkSentAsync(item.Id, id, ct), cancellationToken);
                }

                return;
            }
        }
    }

    /// <summary>
    /// A text or notice as the chat shows it; null when there is nothing to say. A notice's answer box is left out
    /// once the request has moved on from the question (an answer to it would be refused).
    /// </summary>
    private static IActivity? Message(Notification n, LegalBot.Core.Requests.LegalRequest? request)
    {
        if (n.Kind == NotificationKinds.Text)
        {
            return string.IsNullOrEmpty(n.Text) ? null : PlainText(n.Text);
        }

        if (n.Kind == NotificationKinds.Digest)
        {
            return DigestText.Parse(n.Text) is { } digest ? ActivityMapper.CardActivity(DigestCard.Build(digest)) : null;
        }

        if (request is null || Notice.Parse(n.Text) is not { } notice)
        {
            return null;
        }

        var card = NoticeCard.Build(new NoticeModel(n.Number, notice.Line, notice.Quote, request.Version == notice.Version ? notice.Answer : null, notice.Version));
        return ActivityMapper.CardActivity(card);
    }

    /// <summary>
    /// Records the id the channel gave a post. The message is in the chat now, so the id is kept and the
    /// record tried again for as long as the store refuses it (a locked file, a full disk): given up, the
    /// next attempt would post the message a second time. Only the process stopping loses it.
    /// </summary>
    private async Task RecordPostedAsync(OutboxItem item, Func<CancellationToken, Task> record, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await record(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                Log.PostNotRecorded(logger, ex, item.Id, item.Notification.Number);
                await Task.Delay(options.Value.PollInterval, time, stopping);
            }
        }
    }

    /// <summary>
    /// Brings one posted card up to date, unless it already shows the request as it is now (<see cref="CardUpdates"/>):
    /// the request is read and the card rendered while the card is held, so the latest state is what is sent.
    /// </summary>
    private async Task UpdateCardAsync(PostedCard posted, ConversationAddress address, Action ensureClaimed, CancellationToken cancellationToken)
    {
        using var held = await updates.HoldAsync(posted.ConversationKey, posted.ActivityId, cancellationToken);
        var request = await requests.GetAsync(posted.Number, cancellationToken);
        var shown = await updates.FindAsync(posted.Number, posted.ConversationKey, posted.ActivityId, cancellationToken);
        if (request is null || shown is null)
        {
            return;
        }

        var view = await cards.ViewAsync(request, Viewer(posted.Recipient), cancellationToken: cancellationToken);
        if (view.ContentHash == shown.ContentHash)
        {
            Log.CardUnchanged(logger, posted.ActivityId, posted.Number);
            return;
        }

        try
        {
            await ThrottledAsync(
                address,
                ensureClaimed,
                async ct =>
                {
                    await gateway.UpdateAsync(address, posted.ActivityId, ActivityMapper.CardActivity(view.Card), ct);
                    return true;
                },
                cancellationToken);
        }
        catch (Exception ex) when (Status(ex) == HttpStatusCode.NotFound)
        {
            // The message was deleted in Teams: nothing to update.
            return;
        }

        await updates.ShownAsync(shown, view.ContentHash);
    }

    /// <summary>
    /// Sends within the conversation's and the app's rate limits. A 429 holds back everything to that
    /// conversation (updates included) for as long as the channel asked. The send's timeout starts once the slot
    /// is taken: a wait for room in a window (up to a minute in the thirty-second window, longer in the hour's) is
    /// not a send that timed out. A row whose claim no longer holds after the wait is not sent
    /// (<paramref name="ensureClaimed"/>): another instance may have it.
    /// </summary>
    private async Task<T> ThrottledAsync<T>(ConversationAddress address, Action ensureClaimed, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        using var slot = await throttle.AcquireAsync(address.ConversationId, cancellationToken);
        ensureClaimed();
        try
        {
            return await TimedAsync(send, cancellationToken);
        }
        catch (Exception ex) when (Status(ex) == HttpStatusCode.TooManyRequests)
        {
            telemetry.Throttled();
            throttle.Defer(address.ConversationId, RetryAfter(ex) ?? options.Value.FirstBackoff);
            throw;
        }
    }

    /// <summary>One call to the channel, given up on after <see cref="DispatcherOptions.SendTimeout"/> on the injected clock.</summary>
    private async Task<T> TimedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        return await call(linked.Token);
    }

    /// <summary>A text notice, shown exactly as written: it quotes names and what people typed, which must not turn into Markdown.</summary>
    private static Activity PlainText(string text)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Plain;
        return activity;
    }

    /// <summary>Why an activity-feed row cannot be sent (the feed off, or the row unreadable); null when it can.</summary>
    private string? FeedOff(Notification n) =>
        feed is null || !feedOptions.Value.Enabled ? "activity feed off"
        : ActivityFeedText.Parse(n) is null ? "unreadable activity feed row"
        : null;

    private static string? Viewer(string recipient) => recipient == Notification.TriageChannel ? null : recipient;

    /// <summary>
    /// Where to reach the recipient. When the bot has never talked to them: with an <see cref="ITeamsAppInstaller"/>, the
    /// app is installed for them through Graph and its chat with them used (Teams refuses to open a chat with someone
    /// who lacks the app); without one, Teams is asked to open a 1:1 chat.
    /// </summary>
    private async Task<ConversationAddress?> AddressForAsync(string recipient, string? tenantId, CancellationToken cancellationToken)
    {
        var address = await store.GetAddressAsync(recipient, cancellationToken);
        if (address is not null || recipient == Notification.TriageChannel)
        {
            return address;
        }

        // The request's tenant: its requester wrote from there, so the bot knows the service URL to use.
        var template = await store.GetAddressAsync(AddressBook.TenantKey(tenantId), cancellationToken)
            ?? throw new InvalidOperationException("No Teams address is known yet to open a chat from.");
        ConversationAddress created;
        if (installer is not null)
        {
            var chat = await TimedAsync(ct => installer.PersonalChatAsync(recipient, ct), cancellationToken);
            created = template with { Key = recipient, ConversationId = chat };
            Log.ReachedThroughInstall(logger, recipient);
        }
        else
        {
            created = await TimedAsync(ct => gateway.CreatePersonalAsync(template, recipient, ct), cancellationToken);
        }

        await store.SaveAddressAsync(created, CancellationToken.None);
        return created;
    }

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var exponential = o.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts, 20));
        var capped = Math.Min(exponential, o.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static HttpStatusCode? Status(Exception ex) => ex switch
    {
        ErrorResponseException e => e.Response?.StatusCode,
        HttpOperationException e => e.Response?.StatusCode,
        HttpRequestException e => e.StatusCode,
        _ => null,
    };

    /// <summary>Whether a failure is worth retrying, and when the channel asked us to come back.</summary>
    private static (bool Retry, TimeSpan? After, string Reason) Classify(Exception ex)
    {
        var status = Status(ex);
        if (status is { } code)
        {
            var reason = "HTTP " + ((int)code).ToString(CultureInfo.InvariantCulture);
            if (code == HttpStatusCode.TooManyRequests)
            {
                return (true, RetryAfter(ex), reason);
            }

            return ((int)code >= 500 || code == HttpStatusCode.RequestTimeout, null, reason);
        }

        return ex switch
        {
            RecipientUnreachableException unreachable => (unreachable.Retry, null, unreachable.Code),
            ActivityFeedException feedRefused => (feedRefused.Transient, feedRefused.RetryAfter, $"HTTP {(int)feedRefused.Status} {feedRefused.Code}".TrimEnd()),
            DocumentSharingRefusedException sharingRefused => (false, null, sharingRefused.Reason),
            RequestStoreUnavailableException => (true, null, "store unavailable"),
            OperationCanceledException => (true, null, "timeout"),
            HttpRequestException or IOException or TimeoutException => (true, null, ex.GetType().Name),
            InvalidOperationException => (false, null, "no address"),
            _ => (true, null, ex.GetType().Name),
        };
    }

    private static TimeSpan? RetryAfter(Exception ex)
    {
        var headers = ex switch
        {
            ErrorResponseException e => e.Response?.Headers,
            HttpOperationException e => e.Response?.Headers,
            _ => null,
        };
        if (headers is null)
        {
            return null;
        }

        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : null;
    }
}
