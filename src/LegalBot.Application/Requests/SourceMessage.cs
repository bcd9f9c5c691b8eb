using System.Globalization;
using System.Net;
using System.Text;
using LegalBot.Core.Catalog;

namespace LegalBot.Application.Requests;

/// <summary>A file or link attached to a Teams message: its name and where it lives.</summary>
public sealed record MessageAttachment(string Name, Uri Url);

/// <summary>
/// A Teams message someone sends to legal, as the message action's payload describes it, already read from the
/// channel's JSON: the body (HTML or plain text), who wrote it and when, the files attached to it, and its link.
/// </summary>
public sealed record SourceMessage(
    string? Body,
    bool BodyIsHtml,
    string? SenderName,
    DateTimeOffset? Sent,
    IReadOnlyList<MessageAttachment> Attachments,
    Uri? Link)
{
    /// <summary>At most this many attachments are listed in the description.</summary>
    public const int MaxAttachments = 10;

    /// <summary>Longest URL (attachment or message link) copied into the description; longer ones are left out.</summary>
    public const int MaxUrlLength = 1000;

    private const int MaxNameLength = 120;

    /// <summary>
    /// The description a request filed from this message starts with: the message as plain text, then who sent it
    /// and when, its link, and its attachments as links, all within <see cref="RequestTypeCatalog.DescriptionMaxLength"/>
    /// characters. The message's own text is shortened (with an ellipsis) to make room for the rest.
    /// </summary>
    public string Description()
    {
        var context = new StringBuilder();
        var sender = Clean(SenderName, MaxNameLength);
        context.Append("From a Teams message");
        if (sender.Length > 0)
        {
            context.Append(" by ").Append(sender);
        }

        if (Sent is { } sent)
        {
            context.Append(" on ").Append(sent.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }

        context.Append('.');
        if (SafeUrl(Link) is { } link)
        {
            context.Append("\nLink: ").Append(link);
        }

        var files = Attachments.Select(a => (Name: Clean(a.Name, MaxNameLength), Url: SafeUrl(a.Url))).Where(a => a.Url is not null).Take(MaxAttachments).ToList();
        if (files.Count > 0)
        {
            context.Append("\nAttachments:");
            foreach (var (name, url) in files)
            {
                context.Append("\n- ").Append(name.Length > 0 ? name + ": " : "").Append(url);
            }
        }

        var tail = context.ToString();
        var room = RequestTypeCatalog.DescriptionMaxLength - tail.Length - 2;
        var text = MessageText.Plain(Body, BodyIsHtml, Math.Max(0, room));
        return text.Length == 0 ? tail : text + "\n\n" + tail;
    }

    /// <summary>An absolute https URL of visible ASCII, short enough to copy; anything else is left out.</summary>
    /// <remarks>Written escaped (a SharePoint file's address has spaces), so the description holds it as one word.</remarks>
    private static string? SafeUrl(Uri? url) =>
        url is { IsAbsoluteUri: true, Scheme: "https" } && string.IsNullOrEmpty(url.UserInfo) && url.AbsoluteUri is { Length: <= MaxUrlLength } written
            && written.All(c => c is > ' ' and <= '~')
            ? written
            : null;

    private static string Clean(string? text, int max) => MessageText.Plain(text, isHtml: false, max).Replace('\n', ' ');
}

/// <summary>
/// Turns a Teams message body into plain text: tags dropped (with the text of scripts and styles), line breaks kept
/// for paragraphs, breaks and list items, entities decoded, control and format characters removed, runs of blank
/// lines collapsed, and the result cut to a length. One pass over the input, whatever it holds.
/// </summary>
public static class MessageText
{
    private static readonly string[] BlockTags = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table"];

    public static string Plain(string? body, bool isHtml, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrEmpty(body) || maxLength == 0)
        {
            return "";
        }

        // Bound the work before anything else: the text can only shrink from here.
        var input = body.Length > maxLength * 20 ? body[..(maxLength * 20)] : body;
        var text = isHtml ? StripTags(input) : input;
        return Normalize(text, maxLength);
    }

    private static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        string? skipUntil = null;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                if (skipUntil is null)
                {
                    text.Append(c);
                }

                i++;
                continue;
            }

            var end = html.IndexOf('>', i + 1);
            if (end < 0)
            {
                // An unclosed tag: the rest is not text anyone wrote.
                break;
            }

            var tag = TagName(html, i + 1, end, out var closing);
            i = end + 1;
            if (skipUntil is not null)
            {
                if (closing && tag == skipUntil)
                {
                    skipUntil = null;
                }

                continue;
            }

            if (!closing && tag is "script" or "style" or "head" or "title")
            {
                skipUntil = tag;
                continue;
            }

            if (BlockTags.Contains(tag))
            {
                text.Append('\n');
                if (tag == "li" && !closing)
                {
                    text.Append("- ");
                }
            }
            else if (tag is "td" or "th" && closing)
            {
                text.Append(' ');
            }
        }

        return WebUtility.HtmlDecode(text.ToString());
    }

    private static string TagName(string html, int start, int end, out bool closing)
    {
        var i = start;
        closing = i < end && html[i] == '/';
        if (closing)
        {
            i++;
        }

        var from = i;
        while (i < end && char.IsAsciiLetterOrDigit(html[i]))
        {
            i++;
        }

        return html[from..i].ToLowerInvariant();
    }

    /// <summary>Drops control and format characters (bidi overrides, zero-width ones), keeps line breaks, collapses blank runs, cuts to length.</summary>
    private static string Normalize(string text, int maxLength)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                lines.Add(line.ToString().Trim());
                line.Clear();
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value is '\t' or '\u00A0' || category is UnicodeCategory.SpaceSeparator)
            {
                line.Append(' ');
            }
            else if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                line.Append(rune.ToString());
            }
        }

        lines.Add(line.ToString().Trim());
        var result = new StringBuilder();
        var blank = true;
        foreach (var l in lines)
        {
            var collapsed = string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (collapsed.Length == 0)
            {
                if (!blank)
                {
                    result.Append('\n');
                }

                blank = true;
                continue;
            }

            if (result.Length > 0 && !blank)
            {
                result.Append('\n');
            }

            result.Append(collapsed);
            blank = false;
        }

        var plain = result.ToString().Trim();
        if (plain.Length <= maxLength)
        {
            return plain;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(plain[cut - 1]))
        {
            cut--;
        }

        return plain[..cut] + "…";
    }
}
