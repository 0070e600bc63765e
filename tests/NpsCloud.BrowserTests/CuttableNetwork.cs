using System.Net;
using System.Net.Sockets;

namespace NpsCloud.BrowserTests;

/// <summary>
/// A TCP relay between the browser and the host that the test can cut, as a phone loses its network:
/// the browser's connections are dropped and new ones refused. (Chromium's DevTools offline emulation
/// covers the page, not the service worker's own fetches, so it cannot show the offline fallback.)
/// </summary>
public sealed class CuttableNetwork : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;

    public CuttableNetwork(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient browserSide;
            try { browserSide = await _listener.AcceptTcpClientAsync(_cut.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(browserSide);
        }
    }

    private async Task RelayAsync(TcpClient browserSide)
    {
        using var hostSide = new TcpClient();
        lock (_open)
        {
            _open.Add(browserSide);
            _open.Add(hostSide);
        }

        try
        {
            await hostSide.ConnectAsync(_target, _cut.Token);
            await Task.WhenAny(
                browserSide.GetStream().CopyToAsync(hostSide.GetStream(), _cut.Token),
                hostSide.GetStream().CopyToAsync(browserSide.GetStream(), _cut.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            browserSide.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
        _cut.Dispose();
    }
}
