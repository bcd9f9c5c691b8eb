using LegalBot.Application.Documents;

namespace LegalBot.Application.Tests;

public sealed class DocumentOptionsValidatorTests
{
    private static IEnumerable<string> Failures(DocumentOptions options) =>
        new DocumentOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void TheDefaults_AreValid_AndAllowTheDocumentedTypes()
    {
        var options = new DocumentOptions();

        Assert.Empty(Failures(options));
        Assert.Equal(25L * 1024 * 1024, options.MaxBytes);
        Assert.Equal(["doc", "docx", "eml", "jpg", "msg", "pdf", "png", "pptx", "txt", "xlsx"], options.Allowed().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ConfiguredTypes_AreReadAsKept() =>
        Assert.Equal(["csv", "jpg", "pdf"], new DocumentOptions { AllowedTypes = [".PDF", "jpeg", "csv"] }.Allowed().Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("exe")]
    [InlineData("html")]
    [InlineData(" ")]
    public void ATypeThatCannotBeCheckedByContent_IsRefused_NamingIt(string type) =>
        Assert.Contains(Failures(new DocumentOptions { AllowedTypes = ["pdf", type] }), f => f.StartsWith($"Documents:AllowedTypes: '{type}' is not a type LegalBot can check by content", StringComparison.Ordinal));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(DocumentOptions.MaxMaxBytes + 1)]
    public void ASizeOutOfRange_IsRefused(long maxBytes) =>
        Assert.Contains(Failures(new DocumentOptions { MaxBytes = maxBytes }), f => f.StartsWith("Documents:MaxBytes must be between", StringComparison.Ordinal));

    [Fact]
    public void ATimeoutOutOfRange_IsRefused() =>
        Assert.Contains(Failures(new DocumentOptions { DownloadTimeout = TimeSpan.Zero }), f => f.StartsWith("Documents:DownloadTimeout must be between", StringComparison.Ordinal));
}
