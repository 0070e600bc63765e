using MediatR;
using NpsCloud.ArchitectureTests.Specimens.Machinery;

namespace NpsCloud.ArchitectureTests.Specimens.Features.Things;

// Wrong on purpose: two use cases in one file named for neither, and a feature that uses the machinery.
internal static class ReadThing
{
    public sealed record Query(Guid Id) : IRequest<string>;

    public sealed class Handler : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query query, CancellationToken cancellationToken) => Task.FromResult(query.Id.ToString());
    }
}

internal static class WriteThing
{
    public sealed record Command(Guid Id) : IRequest<DateTimeOffset>;

    public sealed class Handler : IRequestHandler<Command, DateTimeOffset>
    {
        public Task<DateTimeOffset> Handle(Command command, CancellationToken cancellationToken) => Task.FromResult(ThingClock.Now());
    }
}
