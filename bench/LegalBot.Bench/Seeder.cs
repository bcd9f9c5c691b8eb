using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Bench;

/// <summary>
/// Fills a store through the real SQLite request store, one transaction per request as the
/// bot writes them: a third of the requests stay submitted (triage has work), a third are in progress
/// with an ALSP professional, a third are completed, so histories have one to four lines.
/// </summary>
internal static class Seeder
{
    public const int DefaultCount = 100_000;

    public static string DefaultPath { get; } = Path.Combine(Path.GetTempPath(), "legalbot-bench", "seed.db");

    private static readonly string[] Types = ["nda", "contract-review", "compliance", "employment", "ip-trademark", "privacy", "litigation", "other"];
    private static readonly string[] Units = ["Sales", "Marketing", "Engineering", "Finance", "People", "Operations", "Procurement", "Executive"];
    private static readonly string[] Counterparties = ["Northwind Traders", "Fabrikam Inc", "Contoso Pharmaceuticals", "Tailspin Toys", "Wide World Importers", "Adventure Works"];

    public static async Task SeedAsync(string path, int count, int parallel)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = path }), NullLogger<SqliteDatabase>.Instance);
        var clock = Stopwatch.StartNew();
        await FillAsync(new SqliteRequestStore(database, NullLogger<SqliteRequestStore>.Instance), count, parallel);
        await CheckpointAsync(database);
        SqliteConnection.ClearAllPools();
        var size = new FileInfo(path).Length;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Seeded {count:N0} requests in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:N0} per second) into {path}: {size / 1048576.0:F1} MB on disk."));
    }

    /// <summary>
    /// Files <paramref name="count"/> requests through a request store (any provider), <paramref name="parallel"/> at a
    /// time, and moves them along; what the workloads need to know about each.
    /// </summary>
    public static async Task<IReadOnlyList<SeededRequest>> FillAsync(IRequestStore requests, int count, int parallel)
    {
        var start = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var seeded = new ConcurrentBag<SeededRequest>();
        var step = Math.Max(count / 10, 1);
        var done = 0;

        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (k, ct) =>
        {
            // Created over the last two years, oldest first.
            var at = start - TimeSpan.FromMinutes((count - k) * 10.0);
            var created = await requests.CreateAsync(NewRequest(k, at), ct);
            var state = await MoveAlongAsync(requests, created.Request, k, at, ct);
            seeded.Add(new SeededRequest(created.Request.Number.Value, k % BenchPeople.Requesters, state));
            var n = Interlocked.Increment(ref done);
            if (n % step == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n,7:N0} requests, {clock.Elapsed.TotalSeconds,5:F1} s"));
            }
        });

        return [.. seeded];
    }

    /// <summary>How many requests the file holds; 0 when it does not exist or is not a LegalBot store.</summary>
    public static async Task<long> CountAsync(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM requests;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static NewRequest NewRequest(int k, DateTimeOffset at)
    {
        var type = Types[k % Types.Length];
        var requester = k % BenchPeople.Requesters;
        var fields = type switch
        {
            "nda" => new Dictionary<string, string> { ["direction"] = "Mutual", ["theirPaper"] = k % 2 == 0 ? "true" : "false" },
            "contract-review" => new Dictionary<string, string> { ["contractKind"] = "Vendor", ["contractValue"] = (k % 97 * 1000).ToString(CultureInfo.InvariantCulture) },
            "employment" => new Dictionary<string, string> { ["country"] = "Germany" },
            "ip-trademark" => new Dictionary<string, string> { ["ipKind"] = "Trademark" },
            "privacy" => new Dictionary<string, string> { ["personalData"] = "true" },
            _ => new Dictionary<string, string>(),
        };
        var counterparty = type is "nda" or "contract-review" or "litigation" ? Counterparties[k % Counterparties.Length] : null;
        var number = k.ToString(CultureInfo.InvariantCulture);
        return new NewRequest(
            "seed-" + number,
            new RequestDraft
            {
                TypeKey = type,
                Title = $"{Units[k % Units.Length]} {type} request {number}",
                Description = "Please review the attached terms before the quarter closes; the business team needs an answer on the "
                    + "liability cap, the governing law and the renewal clause. Reference " + number + ".",
                BusinessUnit = Units[k % Units.Length],
                Counterparty = counterparty,
                Priority = (Priority)(k % 3),
                RequestedDueDate = k % 4 == 0 ? DateOnly.FromDateTime(at.UtcDateTime).AddDays(14) : null,
                Fields = fields,
            },
            new Person(BenchPeople.Requester(requester), "Bench Requester " + requester.ToString(CultureInfo.InvariantCulture), $"requester{requester}@contoso.example"),
            BenchPeople.TenantId,
            at,
            DateOnly.FromDateTime(at.UtcDateTime).AddDays(7));
    }

    /// <summary>Two thirds of the requests go on to an ALSP professional; half of those are completed. Returns the state it ends in.</summary>
    private static async Task<RequestState> MoveAlongAsync(IRequestStore requests, LegalRequest request, int k, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (request.Number.Value % 3 == 0)
        {
            return request.State;
        }

        var alsp = (int)(request.Number.Value % BenchPeople.AlspCount);
        var professional = new Person(BenchPeople.Alsp(alsp), BenchPeople.AlspName(alsp), $"alsp{alsp}@provider.example");
        var staff = new Person(BenchPeople.Staff(k % 4), "Legal Staff " + (k % 4).ToString(CultureInfo.InvariantCulture));
        var steps = new List<RequestChange>
        {
            new() { ChangeId = request.Number + ":v", Number = request.Number, ExpectedVersion = 1, To = RequestState.Assigned, Actor = staff, Action = "assign", At = at.AddHours(2), ChangesAssignee = true, Assignee = professional },
            new() { ChangeId = request.Number + ":v", Number = request.Number, ExpectedVersion = 2, To = RequestState.InProgress, Actor = professional, Action = "accept", At = at.AddHours(3) },
        };
        if (request.Number.Value % 3 == 2)
        {
            steps.Add(new() { ChangeId = request.Number + ":v", Number = request.Number, ExpectedVersion = 3, To = RequestState.Completed, Actor = professional, Action = "complete", Note = "Done; comments sent to the business team.", At = at.AddDays(2), HoursSpent = 2.5m });
        }

        foreach (var step in steps)
        {
            if (await requests.ApplyAsync(step with { ChangeId = step.ChangeId + step.ExpectedVersion.ToString(CultureInfo.InvariantCulture) }, cancellationToken) is not ChangeOutcome.Applied)
            {
                throw new BenchException("Seeding could not move " + request.Number + " along.");
            }
        }

        return steps[^1].To;
    }

    private static async Task CheckpointAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A seeded request as the workloads know it: its number, its requester (index) and the state it was left in.</summary>
internal sealed record SeededRequest(long Number, int Requester, RequestState State);
