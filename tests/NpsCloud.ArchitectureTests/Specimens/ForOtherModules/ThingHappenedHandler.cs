using MediatR;
using NpsCloud.ArchitectureTests.Specimens.Domain;

namespace NpsCloud.ArchitectureTests.Specimens.ForOtherModules;

// Right: one handler, named as its file.
internal sealed class ThingHappenedHandler : INotificationHandler<ThingHappened>
{
    public Task Handle(ThingHappened notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
