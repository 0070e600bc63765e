using MediatR;

namespace NpsCloud.ArchitectureTests.Specimens.Features.Things;

// Right: one use case, in a static class named after its file.
internal static class RenameThing
{
    public sealed record Command(Guid Id, string Name) : IRequest<string>;

    public sealed class Handler : IRequestHandler<Command, string>
    {
        public Task<string> Handle(Command command, CancellationToken cancellationToken) => Task.FromResult(command.Name);
    }
}
