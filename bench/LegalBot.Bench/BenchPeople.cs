using System.Globalization;
using System.Text.Json.Nodes;
using LegalBot.Testing;

namespace LegalBot.Bench;

/// <summary>
/// The simulated people, with deterministic AAD object ids so the seeded store and the load agree on
/// who owns which request. Each kind has its own id prefix.
/// </summary>
internal static class BenchPeople
{
    public const string TenantId = "0b5e7c1d-2a3f-4e6d-9c8b-7a6f5e4d3c2b";

    /// <summary>How many requesters the seeded requests are spread over (the status users are the first of them).</summary>
    public const int Requesters = 1000;

    /// <summary>The ALSP roster the host is configured with.</summary>
    public const int AlspCount = 8;

    public static string Requester(int i) => Id("a1", i);

    public static string Staff(int i) => Id("a2", i);

    public static string Alsp(int i) => Id("a3", i);

    /// <summary>Users who file new requests in the intake workload (never in the seed).</summary>
    public static string Filer(int i) => Id("a4", i);

    public static string AlspName(int i) => "ALSP Professional " + (i + 1).ToString(CultureInfo.InvariantCulture);

    public static string PersonalConversation(string aadObjectId) => User(aadObjectId, "").PersonalConversationId;

    /// <summary>A simulated user as Teams identifies them, in the bench tenant.</summary>
    public static TeamsUser User(string aadObjectId, string name) => new(name, aadObjectId, "user@contoso.example", TenantId);

    /// <summary>What Teams answers to <c>GET members/{id}</c> for any of the simulated users.</summary>
    public static JsonObject? Member(string memberId) =>
        FakeChannel.Member(User(memberId.StartsWith("29:", StringComparison.Ordinal) ? memberId[3..] : memberId, "Bench User"));

    private static string Id(string kind, int i) =>
        kind + "000000-0000-4000-8000-" + i.ToString("x12", CultureInfo.InvariantCulture);
}
