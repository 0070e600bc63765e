using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>
/// A real HTTP receiver for a test class: Kestrel on 127.0.0.1 and a free port. It records every request
/// and answers each path with the statuses a test scripted for it (then 200, or the path's standing answer).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string Id => Headers["webhook-id"];

        public string Timestamp => Headers["webhook-timestamp"];

        public IReadOnlyList<string> Signatures => Headers["webhook-signature"].Split(' ');

        /// <summary>
        /// Checks the signature the way a receiver would, independently of the product's code: HMAC-SHA256
        /// over "{id}.{timestamp}.{body}" with the secret's bytes, one of the space-separated "v1,..." values.
        /// </summary>
        public bool IsSignedWith(string secret)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
            return Signatures.Contains(expected);
        }
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponse, Task>>> _answers = new();
    private readonly ConcurrentDictionary<string, int> _always = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(new RequestDelegate(receiver.HandleAsync));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>A fresh path on this receiver, so each test reads only its own requests.</summary>
    public string NewUrl(string name = "hook") => $"{BaseUrl}/{name}-{Guid.NewGuid():N}";

    /// <summary>The next requests to this URL's path get these statuses, in order; later ones get 200.</summary>
    public void AnswerWith(string url, params int[] statuses)
    {
        foreach (var status in statuses) AnswerWith(url, response => { response.StatusCode = status; return Task.CompletedTask; });
    }

    public void AnswerWith(string url, Func<HttpResponse, Task> answer) =>
        _answers.GetOrAdd(new Uri(url).AbsolutePath, _ => new ConcurrentQueue<Func<HttpResponse, Task>>()).Enqueue(answer);

    /// <summary>Answers every request to this URL's path with this status (once the scripted answers are used up).</summary>
    public void AlwaysAnswer(string url, int status) => _always[new Uri(url).AbsolutePath] = status;

    public IReadOnlyList<Received> At(string url) => _received.Where(r => r.Path == new Uri(url).AbsolutePath).ToList();

    public async Task<IReadOnlyList<Received>> WaitForAsync(string url, int count, string what)
    {
        await Poll.UntilAsync(() => Task.FromResult(At(url).Count >= count), what);
        return At(url);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _received.Enqueue(new Received(context.Request.Path.Value!, headers, body));
        if (_answers.TryGetValue(context.Request.Path.Value!, out var answers) && answers.TryDequeue(out var answer))
        {
            await answer(context.Response);
            return;
        }

        context.Response.StatusCode = _always.GetValueOrDefault(context.Request.Path.Value!, StatusCodes.Status200OK);
        await context.Response.WriteAsync("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
