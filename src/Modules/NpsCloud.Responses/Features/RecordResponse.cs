using MediatR;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features;

/// <summary>
/// <c>POST /responses</c>: one answer collected elsewhere (a call centre, a kiosk, another tool). The
/// survey gives its department and touchpoint unless the answer names its own; the new response is
/// reported as <see cref="ResponseRecorded"/>, so scores and follow-ups see it like any other.
/// </summary>
internal sealed class RecordResponse(ResponsesDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<ResponseInput, ResponseView>
{
    public async Task<ResponseView> Handle(ResponseInput input, CancellationToken cancellationToken)
    {
        var survey = await mediator.Send(new FindSurvey(input.SurveyId!.Value), cancellationToken) ?? throw new NotFoundException("The survey");
        if (input.DepartmentId is { } departmentId && await mediator.Send(new FindDepartment(departmentId), cancellationToken) is null)
        {
            throw new NotFoundException("The department");
        }

        // A contact named by id must be one the caller may see; one named by address is the company's
        // person with that address, found or added (an answer to the caller's survey is its to record).
        if (input.ContactId is { } named && !(await mediator.Send(new FindContacts([named]), cancellationToken)).ContainsKey(named))
        {
            throw new NotFoundException("The contact");
        }

        var contactId = input.ContactId ?? (await mediator.Send(new ResolveContacts([input.Email!]), cancellationToken))[0];
        var contacts = await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken);
        if (!contacts.ContainsKey(contactId)) throw new NotFoundException("The contact");

        var now = clock.GetUtcNow();
        var respondedAt = input.CreatedAt ?? now;
        var response = new Response
        {
            TenantId = tenant.RequiredTenantId,
            // Version 7 ids from the answer's own time keep lists (ordered by id) in answer order, imports included.
            Id = Guid.CreateVersion7(respondedAt),
            SurveyId = survey.Id,
            ContactId = contactId,
            DepartmentId = input.DepartmentId ?? survey.DepartmentId,
            Touchpoint = input.TrimmedTouchpoint ?? survey.Touchpoint,
            Channel = ResponseChannels.Api,
            Score = input.Score!.Value,
            Comment = input.TrimmedComment,
            Locale = survey.Locale,
            Properties = input.PropertiesJson,
            RespondedAt = respondedAt,
            RecordedAt = now,
            UpdatedAt = now,
        };
        db.Responses.Add(response);
        db.Publish(response.Recorded(now));
        await db.SaveChangesAsync(cancellationToken);
        return ResponseView.From(response, contacts);
    }
}
