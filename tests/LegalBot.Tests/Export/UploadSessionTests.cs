using LegalBot.Application.Export;
using LegalBot.Files;
using LegalBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Tests.Export;

/// <summary>The upload to a OneDrive upload session, against the fake channel's OneDrive over real HTTP.</summary>
public sealed class UploadSessionTests : IAsyncLifetime
{
    private FakeChannel channel = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        channel = await FakeChannel.StartAsync();
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await channel.DisposeAsync();
    }

    private UploadSession Uploader(string environment = "Development", TimeSpan? timeout = null) => new(
        services.GetRequiredService<IHttpClientFactory>(),
        new HostingEnvironment { EnvironmentName = environment },
        Options.Create(new ExportOptions { UploadTimeout = timeout ?? TimeSpan.FromSeconds(10) }),
        NullLogger<UploadSession>.Instance);

    private string UploadUrl(string name = "export.csv") => (string)channel.OneDrive.Offer(TeamsUser.LegalStaff, name)["uploadUrl"]!;

    [Fact]
    public async Task AFileLargerThanOneFragment_IsSentInOrderedFragments_AndArrivesWhole()
    {
        var bytes = new byte[(UploadSession.FragmentBytes * 2) + 12345];
        new Random(7).NextBytes(bytes);

        var outcome = await Uploader().UploadAsync(UploadUrl(), bytes, CancellationToken.None);

        Assert.Equal(UploadOutcome.Uploaded, outcome);
        Assert.Equal(3, channel.OneDrive.Requests);
        Assert.Equal(bytes, Assert.Single(channel.OneDrive.Uploads).Bytes);
        Assert.Empty(channel.Unexpected);
    }

    [Fact]
    public async Task OneDriveNotAnswering_EndsAfterTheTimeout_AsUnreachable()
    {
        channel.OneDrive.Hang = true;

        var outcome = await Uploader(timeout: TimeSpan.FromSeconds(1)).UploadAsync(UploadUrl(), [1, 2, 3], CancellationToken.None);

        Assert.Equal(UploadOutcome.Unreachable, outcome);
        Assert.Empty(channel.OneDrive.Uploads);
    }

    [Fact]
    public async Task AnUploadSessionThatIsGone_IsRefused()
    {
        var url = UploadUrl();
        await Uploader().UploadAsync(url, [1], CancellationToken.None);

        var again = await Uploader().UploadAsync(url, [1], CancellationToken.None);

        Assert.Equal(UploadOutcome.Refused, again);
        Assert.Contains(channel.TakeUnexpected(), call => call.Contains("404 itemNotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProduction_PlainHttp_IsNeverUsed()
    {
        var outcome = await Uploader(Environments.Production).UploadAsync(UploadUrl(), [1], CancellationToken.None);

        Assert.Equal(UploadOutcome.UrlRefused, outcome);
        Assert.Equal(0, channel.OneDrive.Requests);
    }

    [Theory]
    [InlineData("https://contoso-my.sharepoint.com/personal/x/_api/v2.0/drive/items/1/uploadSession?tempauth=t", "Production", true)]
    [InlineData("http://127.0.0.1:5000/onedrive/upload/1", "Production", false)]
    [InlineData("http://127.0.0.1:5000/onedrive/upload/1", "Development", true)]
    [InlineData("http://[::1]:5000/onedrive/upload/1", "Staging", true)]
    [InlineData("http://upload.example/onedrive/upload/1", "Development", false)]
    [InlineData("https://user:secret@upload.example/x", "Development", false)]
    [InlineData("ftp://upload.example/x", "Development", false)]
    public void OnlyHttps_OrLoopbackHttpOutsideProduction_IsAllowed(string url, string environment, bool allowed) =>
        Assert.Equal(allowed, UploadSession.IsAllowed(new Uri(url), new HostingEnvironment { EnvironmentName = environment }));
}
