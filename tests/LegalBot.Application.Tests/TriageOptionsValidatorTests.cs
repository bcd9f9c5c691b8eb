using LegalBot.Application.Workflow;

namespace LegalBot.Application.Tests;

public sealed class TriageOptionsValidatorTests
{
    private static IEnumerable<string> Failures(string? channel, string? serviceUrl) =>
        new TriageOptionsValidator().Validate(null, new TriageOptions { ChannelConversationId = channel, ChannelServiceUrl = serviceUrl }).Failures ?? [];

    [Theory]
    [InlineData(null, null)]
    [InlineData("", " ")]
    [InlineData("19:triage@thread.tacv2", "https://smba.trafficmanager.net/emea/")]
    public void Validate_BothOrNeither_Succeeds(string? channel, string? serviceUrl) =>
        Assert.Empty(Failures(channel, serviceUrl));

    [Fact]
    public void Validate_ChannelWithoutServiceUrl_NamesTheServiceUrl() =>
        Assert.Contains(Failures("19:triage@thread.tacv2", ""), f => f.StartsWith("Triage:ChannelServiceUrl is missing", StringComparison.Ordinal));

    [Fact]
    public void Validate_ServiceUrlWithoutChannel_NamesTheChannel() =>
        Assert.Contains(Failures(null, "https://smba.trafficmanager.net/emea/"), f => f.StartsWith("Triage:ChannelConversationId is missing", StringComparison.Ordinal));

    [Theory]
    [InlineData("smba.trafficmanager.net/emea")]
    [InlineData("ftp://smba.trafficmanager.net/emea/")]
    public void Validate_ServiceUrlNotAnHttpAddress_IsRefused(string serviceUrl) =>
        Assert.Contains(Failures("19:triage@thread.tacv2", serviceUrl), f => f.StartsWith("Triage:ChannelServiceUrl must be", StringComparison.Ordinal));
}
