using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LegalBot.Testing;

/// <summary>
/// The bootstrap of a fake server at the machine's edge (the Teams channel, the identity server, Graph): a slim
/// ASP.NET Core app on a loopback port, without logging, over TLS when given a certificate.
/// </summary>
public static class LoopbackApp
{
    /// <param name="port">0 for a free port the OS picks.</param>
    public static WebApplication Create(X509Certificate2? tlsCertificate = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        return builder.Build();
    }

    /// <summary>Starts the app; returns the address it listens on, ending in '/'.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
