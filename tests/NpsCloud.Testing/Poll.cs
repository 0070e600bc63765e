namespace NpsCloud.Testing;

/// <summary>Waiting for background work without sleeping a fixed time: poll until true or fail at the deadline.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for {what}.");
            }

            await ticks.WaitForNextTickAsync();
        }
    }

    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await UntilAsync(async () => (found = await probe()) is not null, what, timeout);
        return found!;
    }
}
