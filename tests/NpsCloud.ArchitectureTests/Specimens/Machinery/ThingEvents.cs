using MediatR;
using NpsCloud.ArchitectureTests.Specimens.Domain;
using NpsCloud.ArchitectureTests.Specimens.Features.Things;

namespace NpsCloud.ArchitectureTests.Specimens.Machinery;

// Wrong on purpose: a handler in the machinery folder (machinery may use Features, as it does here).
internal sealed class ThingEvents(IMediator mediator) : INotificationHandler<ThingHappened>
{
    public Task Handle(ThingHappened notification, CancellationToken cancellationToken) => mediator.Send(new WriteThing.Command(notification.Id), cancellationToken);
}
