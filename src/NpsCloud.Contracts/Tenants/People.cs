using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>People of the current tenant, by id (unknown ids are left out). Answered by the Tenants module.</summary>
public sealed record FindPeople(IReadOnlyCollection<Guid> UserIds) : IRequest<IReadOnlyList<PersonInfo>>;

/// <summary>The current tenant's owners and admins (who hear about escalations and problems).</summary>
public sealed record ListManagers : IRequest<IReadOnlyList<PersonInfo>>;

/// <param name="Locale">The language emails to this person are written in (<c>tr</c> or <c>en</c>).</param>
public sealed record PersonInfo(Guid Id, string Email, string Name, string Locale, string Role);
