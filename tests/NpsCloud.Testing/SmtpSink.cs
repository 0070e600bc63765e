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

    /// <param name="port">A port of the test's choosing (to start the server after the product first finds it down), else a free one.</param>
    /// <param name="rejectRecipientsStartingWith">Recipients whose address starts with this are refused for good (550), as an unknown mailbox is.</param>
    public static async Task<SmtpSink> StartAsync(int? port = null, string? rejectRecipientsStartingWith = null)
    {
        var folder = Directory.CreateTempSubdirectory("nps-test-smtp-").FullName;
        // aiosmtpd's Mailbox creates the maildir (tmp, new, cur) only when the folder does not exist yet.
        var maildir = Path.Combine(folder, "maildir");
        port ??= Network.FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var handler = "aiosmtpd.handlers.Mailbox";
        if (rejectRecipientsStartingWith is not null)
        {
            // A Mailbox that refuses some recipients at RCPT TO, as a real server refuses an unknown mailbox.
            await File.WriteAllTextAsync(Path.Combine(folder, "rejecting.py"), $$"""
                from aiosmtpd.handlers import Mailbox

                class RejectingMailbox(Mailbox):
                    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                        if address.lower().startswith({{System.Text.Json.JsonSerializer.Serialize(rejectRecipientsStartingWith.ToLowerInvariant())}}):
                            return '550 5.1.1 No such user here'
                        envelope.rcpt_tos.append(address)
                        return '250 OK'
                """);
            start.Environment["PYTHONPATH"] = folder;
            handler = "rejecting.RejectingMailbox";
        }

        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", handler, maildir })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var sink = new SmtpSink(process, maildir, port.Value);
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
                    await client.ConnectAsync(IPAddress.Loopback, port.Value);
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

    /// <summary>The files of the messages received so far, unparsed (counting them is cheap where parsing thousands is not).</summary>
    public IReadOnlyList<string> MessageFiles()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
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

    /// <summary>How many messages each recipient address received.</summary>
    public Dictionary<string, int> CountByRecipient()
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in Messages())
        {
            var address = message.To.Contains('<') ? message.To[(message.To.IndexOf('<') + 1)..message.To.IndexOf('>')] : message.To.Trim();
            counts[address] = counts.GetValueOrDefault(address) + 1;
        }

        return counts;
    }

}
