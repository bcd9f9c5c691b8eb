using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>
/// The short note a user may post in the thread a request was filed from: that it went to legal, and its number.
/// Nothing else about the request: everyone in that chat sees it, and the request is privileged.
/// </summary>
public static class SentToLegalCard
{
    public static AdaptiveCard Build(RequestNumber number) =>
        Card(
            [
                Line($"Sent to the legal team as {number}.", TextWeight.Bolder),
                Subtle("The requester and the legal team follow it in LegalBot."),
            ],
            null,
            $"Sent to the legal team as {number}.");
}
