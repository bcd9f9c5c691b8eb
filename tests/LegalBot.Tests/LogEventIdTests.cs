using System.Reflection;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests;

/// <summary>
/// Every project logs under its own range of event ids, so an operator can filter or alert on an id and
/// know where it comes from; no id is used twice.
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>The ranges, as the README's logging section lists them.</summary>
    public static TheoryData<string, int, int> Ranges => new()
    {
        { "LegalBot", 1000, 2999 },
        { "LegalBot.Conversations", 3000, 3999 },
        { "LegalBot.Store.Sqlite", 4000, 4999 },
        { "LegalBot.Store.Graph", 5000, 5999 },
        { "LegalBot.Application", 6000, 6999 },
        { "LegalBot.Store.Postgres", 7000, 7999 },
    };

    private static IEnumerable<(string Assembly, string Method, int Id)> EventIds() =>
        from name in Ranges.Select(r => (string)r[0])
        let assembly = Assembly.Load(name)
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (name, $"{type.Name}.{method.Name}", attribute.EventId);

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EachProjectsEvents_StayInItsRange(string assembly, int first, int last)
    {
        var outside = EventIds().Where(e => e.Assembly == assembly && (e.Id < first || e.Id > last)).Select(e => $"{e.Method} = {e.Id}");

        Assert.Empty(outside);
    }

    [Fact]
    public void NoEventIdIsUsedTwice()
    {
        var repeated = EventIds().GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}");

        Assert.Empty(repeated);
    }

    [Fact]
    public void TheHostTheStoreAndTheApplication_AllLogEvents()
    {
        var ids = EventIds().ToList();

        Assert.Contains(ids, e => e.Assembly == "LegalBot");
        Assert.Contains(ids, e => e.Assembly == "LegalBot.Store.Sqlite");
        Assert.Contains(ids, e => e.Assembly == "LegalBot.Application");
    }
}
