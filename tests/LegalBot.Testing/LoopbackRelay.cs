using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LegalBot.Testing;

/// <summary>
/// A TCP relay from a loopback port to a server (a database), which a test cuts, as a server restart or a network
/// fault would (every relayed connection dropped, new ones refused), and restores on the same port.
/// </summary>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private readonly Lock gate = new();
    private TcpListener? listener;
    private CancellationTokenSource? accepting;

    private LoopbackRelay(IPEndPoint target, int port)
    {
        this.target = target;
        Port = port;
    }

    /// <summary>The loopback port that relays to the server.</summary>
    public int Port { get; }

    public static LoopbackRelay Start(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var relay = new LoopbackRelay(target, port);
        relay.Restore();
        return relay;
    }

    /// <summary>Drops every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (gate)
        {
            accepting?.Cancel();
            accepting?.Dispose();
            accepting = null;
            listener?.Stop();
            listener = null;
        }

        foreach (var socket in open.Keys)
        {
            Close(socket);
        }
    }

    /// <summary>Relays again, on the same port.</summary>
    public void Restore()
    {
        lock (gate)
        {
            if (listener is not null)
            {
                return;
            }

            listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            accepting = new CancellationTokenSource();
            _ = AcceptAsync(listener, accepting.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await from.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        open[client] = 0;
        open[server] = 0;
        try
        {
            await server.ConnectAsync(target);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // Cut, or one side went away: both are closed below.
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Close(Socket socket)
    {
        if (open.TryRemove(socket, out _))
        {
            socket.Dispose();
        }
    }
}
