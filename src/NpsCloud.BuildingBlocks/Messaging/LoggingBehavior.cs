using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>Logs each request by name with its duration and outcome (not its content, which may hold personal data).</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("Handled {Request} in {ElapsedMs:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e) when (e is RequestValidationException or DomainException)
        {
            // The refusal's code or the fields named, never its message: a validation message can quote the
            // value it refused (an address, a score).
            var reason = e is DomainException refusal ? refusal.Code : "invalid " + string.Join(", ", ((RequestValidationException)e).Errors.Keys);
            logger.LogInformation("Refused {Request} in {ElapsedMs:0.0} ms: {Reason}", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed {Request} after {ElapsedMs:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
