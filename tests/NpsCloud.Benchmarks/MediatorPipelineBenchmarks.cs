using BenchmarkDotNet.Attributes;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Benchmarks;

/// <summary>
/// What a request pays for going through the MediatR pipeline (assembly-scanned handler, validation and
/// logging behaviours) compared with calling its handler directly. The baseline is the direct call.
/// </summary>
[MemoryDiagnoser]
public class MediatorPipelineBenchmarks
{
    private readonly RecordScore _request = new(Guid.NewGuid(), 9, "Harika hizmet");
    private IServiceProvider _services = null!;
    private RecordScoreHandler _handler = null!;
    private RecordScoreValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddMessaging(typeof(MediatorPipelineBenchmarks).Assembly);
        _services = services.BuildServiceProvider();
        _handler = new RecordScoreHandler();
        _validator = new RecordScoreValidator();
    }

    [Benchmark(Baseline = true)]
    public Task<string> Handler_called_directly() => _handler.Handle(_request, CancellationToken.None);

    [Benchmark]
    public async Task<string> Validated_then_handled_directly()
    {
        (await _validator.ValidateAsync(_request)).Errors.ForEach(_ => throw new InvalidOperationException());
        return await _handler.Handle(_request, CancellationToken.None);
    }

    [Benchmark]
    public async Task<string> Sent_through_the_mediator_pipeline()
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_request);
    }

    public sealed record RecordScore(Guid InvitationId, int Score, string? Comment) : IRequest<string>;

    public sealed class RecordScoreValidator : AbstractValidator<RecordScore>
    {
        public RecordScoreValidator()
        {
            RuleFor(r => r.InvitationId).NotEmpty();
            RuleFor(r => r.Score).InclusiveBetween(0, 10);
            RuleFor(r => r.Comment).MaximumLength(4000);
        }
    }

    public sealed class RecordScoreHandler : IRequestHandler<RecordScore, string>
    {
        public Task<string> Handle(RecordScore request, CancellationToken cancellationToken) =>
            Task.FromResult(request.Score >= 9 ? "promoter" : request.Score >= 7 ? "passive" : "detractor");
    }
}
