using MediatR;

namespace NpsCloud.ArchitectureTests.Specimens.Domain;

/// <summary>Specimens: a module-shaped namespace that breaks the shape rules on purpose, so ModuleShapeTests can show each rule catches what it should.</summary>
internal sealed record ThingHappened(Guid Id) : INotification;
