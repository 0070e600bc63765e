using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.UnitTests.Messaging;

public sealed class MediatorPipelineTests
{
    private static IMediator Mediator(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddMessaging(typeof(MediatorPipelineTests).Assembly);
        services.AddSingleton<CallLog>();
        configure?.Invoke(services);
        return services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<IMediator>();
    }

    [Fact]
    public async Task The_assembly_scan_finds_handlers_and_validators_and_a_valid_request_reaches_its_handler()
    {
        var answer = await Mediator().Send(new Greet("Ayşe", 3));

        Assert.Equal("Merhaba Ayşe x3", answer);
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_its_handler_and_names_each_bad_field()
    {
        var calls = new CallLog();
        var mediator = Mediator(services => services.AddSingleton(calls));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => mediator.Send(new Greet("", 0)));

        Assert.Equal(["name", "times"], refused.Errors.Keys.Order());
        Assert.Empty(calls.Entries);
    }

    [Fact]
    public async Task Notification_handlers_run_one_at_a_time_and_all_run_when_one_fails()
    {
        var calls = new CallLog();
        var mediator = Mediator(services => services.AddSingleton(calls));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => mediator.Publish(new Happened()));

        Assert.Equal("first handler failed", failure.Message);
        Assert.Equal(["first:start", "second:start", "second:end"], calls.Entries);
        Assert.Equal(1, calls.MaxConcurrent);
    }

    public sealed record Greet(string Name, int Times) : IRequest<string>;

    public sealed class GreetValidator : AbstractValidator<Greet>
    {
        public GreetValidator()
        {
            RuleFor(g => g.Name).NotEmpty();
            RuleFor(g => g.Times).InclusiveBetween(1, 10);
        }
    }

    public sealed class GreetHandler(CallLog calls) : IRequestHandler<Greet, string>
    {
        public Task<string> Handle(Greet request, CancellationToken cancellationToken)
        {
            calls.Add("greet");
            return Task.FromResult($"Merhaba {request.Name} x{request.Times}");
        }
    }

    public sealed record Happened : INotification;

    public sealed class FirstHandler(CallLog calls) : INotificationHandler<Happened>
    {
        public async Task Handle(Happened notification, CancellationToken cancellationToken)
        {
            using (calls.Enter("first")) await Task.Yield();
            throw new InvalidOperationException("first handler failed");
        }
    }

    public sealed class SecondHandler(CallLog calls) : INotificationHandler<Happened>
    {
        public async Task Handle(Happened notification, CancellationToken cancellationToken)
        {
            using (calls.Enter("second")) await Task.Yield();
            calls.Add("second:end");
        }
    }

    public sealed class CallLog
    {
        private int _running;
        public List<string> Entries { get; } = [];
        public int MaxConcurrent { get; private set; }

        public void Add(string entry)
        {
            lock (Entries) Entries.Add(entry);
        }

        public IDisposable Enter(string name)
        {
            Add(name + ":start");
            MaxConcurrent = Math.Max(MaxConcurrent, Interlocked.Increment(ref _running));
            return new Exit(() => Interlocked.Decrement(ref _running));
        }

        private sealed class Exit(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
