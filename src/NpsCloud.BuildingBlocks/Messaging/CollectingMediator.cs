using MediatR;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// MediatR 5 runs the handlers of a notification concurrently, which would share one scoped DbContext
/// between them. This mediator runs them one after another, runs every handler even when one fails, and
/// then reports all failures together (so the outbox retries the event and the inbox skips the handlers
/// that already succeeded).
/// </summary>
internal sealed class CollectingMediator(ServiceFactory serviceFactory) : Mediator(serviceFactory)
{
    protected override async Task PublishCore(IEnumerable<Task> allHandlers)
    {
        List<Exception>? failures = null;
        // The sequence is lazy: each handler starts only when enumerated, so awaiting in the loop serialises them.
        foreach (var handler in allHandlers)
        {
            try
            {
                await handler;
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is { Count: 1 }) throw failures[0];
        if (failures is not null) throw new AggregateException("Several handlers failed.", failures);
    }
}
