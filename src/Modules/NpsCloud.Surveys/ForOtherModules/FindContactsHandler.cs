using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

internal sealed class FindContactsHandler(SurveysDbContext db) : IRequestHandler<FindContacts, IReadOnlyDictionary<Guid, ContactInfo>>
{
    public async Task<IReadOnlyDictionary<Guid, ContactInfo>> Handle(FindContacts request, CancellationToken cancellationToken)
    {
        var ids = request.ContactIds.Distinct().ToList();
        var contacts = request.OfVisibleRows ? db.Contacts.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]) : db.Contacts;
        return await contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new ContactInfo(c.Id, c.Email, c.Name))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
    }
}
