using System.Net;
using System.Net.Sockets;
using SmtpServer;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, for as long as the test needs it.</summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpTestServer(int port, Action<SmtpServer.ComponentModel.ServiceProvider> services, bool requireAuthentication)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(true).AuthenticationRequired(requireAuthentication))
            .Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        services(provider);
        _server = new SmtpServer.SmtpServer(options, provider);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public static async Task<SmtpTestServer> StartAsync(Action<SmtpServer.ComponentModel.ServiceProvider> services, bool requireAuthentication = false)
    {
        var server = new SmtpTestServer(FreePort(), services, requireAuthentication);
        await server.WaitForListenerAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        await Task.WhenAny(_running, Task.Delay(5000));
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForListenerAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail($"The SMTP server did not listen on port {Port}.");
    }
}
