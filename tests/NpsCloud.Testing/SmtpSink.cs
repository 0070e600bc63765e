using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NpsCloud.Testing;

/// <summary>
/// A real SMTP server for a test class: Debian's aiosmtpd, writing what it receives to a maildir.
/// Started by Debian's own python (<c>/usr/bin/python3</c>), which is the one that sees the package.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpSink(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        // aiosmtpd's Mailbox creates the maildir (tmp, new, cur) only when the folder does not exist yet.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("nps-test-smtp-").FullName, "maildir");
        var port = Network.FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var sink = new SmtpSink(process, maildir, port);
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        "aiosmtpd exited (is python3-aiosmtpd installed? ./nps test installs it): " + await process.StandardError.ReadToEndAsync());
                }

                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }, "the SMTP server to listen", TimeSpan.FromSeconds(20));
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }

        return sink;
    }

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<ReceivedEmail> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Order().Select(f => ReceivedEmail.Parse(File.ReadAllText(f))).ToList();
    }

    public Task<ReceivedEmail> WaitForAsync(Func<ReceivedEmail, bool> match, string what) =>
        Poll.ForAsync(() => Task.FromResult(Messages().FirstOrDefault(match)), what);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(_maildir)!, recursive: true); } catch (IOException) { }
    }

}
