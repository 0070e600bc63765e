using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Members;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Demo;

/// <summary>
/// <c>./nps run --demo</c>, after the Tenants module's demo company: a quarterly relationship survey with
/// members and a delivery survey for transactional requests, with a dozen contacts. Added once.
/// </summary>
internal sealed class SurveysDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    private static readonly (string Email, string Name, string Locale, string City)[] People =
    [
        ("ayse.yilmaz@example.com", "Ayşe Yılmaz", "tr", "İstanbul"), ("mehmet.kaya@example.com", "Mehmet Kaya", "tr", "Ankara"),
        ("zeynep.demir@example.com", "Zeynep Demir", "tr", "İzmir"), ("can.ozturk@example.com", "Can Öztürk", "tr", "Bursa"),
        ("elif.sahin@example.com", "Elif Şahin", "tr", "Antalya"), ("burak.celik@example.com", "Burak Çelik", "tr", "İstanbul"),
        ("selin.arslan@example.com", "Selin Arslan", "tr", "Ankara"), ("emre.dogan@example.com", "Emre Doğan", "tr", "İzmir"),
        ("john.smith@example.com", "John Smith", "en", "London"), ("anna.muller@example.com", "Anna Müller", "en", "Berlin"),
        ("maria.garcia@example.com", "María García", "en", "Madrid"), ("li.wei@example.com", "Li Wei", "en", "Singapore"),
    ];

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenantId = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FindDemoTenant(), cancellationToken);
        if (tenantId is null) return [];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId.Value);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        if (await db.Surveys.AnyAsync(cancellationToken)) return ["Surveys: the demo surveys are in place (see /app/surveys)."];

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var person in People)
        {
            await mediator.Send(new UpsertContact.Command(person.Email, person.Name, person.Locale,
                JsonSerializer.SerializeToElement(new { city = person.City, segment = person.Locale == "tr" ? "domestic" : "international" })), cancellationToken);
        }

        var firstWave = DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime.Date.AddDays(7).AddHours(9), DateTimeKind.Unspecified);
        var relationship = await mediator.Send(new SurveyInput("Çeyreklik müşteri memnuniyeti", SurveyKinds.Relationship, "tr",
            Schedule: new ScheduleInput(null, Cadences.Quarterly, firstWave), ReminderAfterDays: 3), cancellationToken);
        await mediator.Send(new AddMembers.Command(relationship.Id, new MembersInput(People.Select(p => p.Email).ToArray(), null)), cancellationToken);
        await mediator.Send(new ChangeSurveyStatus.Command(relationship.Id, "activate"), cancellationToken);

        var delivery = await mediator.Send(new SurveyInput("Teslimat sonrası", SurveyKinds.Transactional, "tr", Touchpoint: "delivery",
            FollowUpQuestions: new FollowUpQuestions(null, null, "Teslimatta neyi daha iyi yapabilirdik?")), cancellationToken);
        await mediator.Send(new ChangeSurveyStatus.Command(delivery.Id, "activate"), cancellationToken);

        return [$"Surveys: a quarterly survey with {People.Length} members (first wave {firstWave:yyyy-MM-dd HH:mm}) and a delivery survey for requests (id {delivery.Id})."];
    }
}
