using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Features.Import;

namespace NpsCloud.Responses.Demo;

/// <summary>
/// <c>./nps run --demo</c>, after the demo surveys: about 5,000 answers over the last twelve months,
/// spread over the departments and touchpoints, slowly improving, a third with a comment. They go in
/// through the bulk import, as a customer's history would. Added once; the same every time (a fixed seed).
/// </summary>
internal sealed class ResponsesDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const int Count = 5000;

    private static readonly string[] Touchpoints = ["delivery", "billing", "support", "onboarding"];

    // Mostly Turkish (the demo company is Turkish) and varied, so search, tags and the comment lists look real.
    private static readonly Dictionary<string, string[]> Comments = new()
    {
        ["promoter"] =
        [
            "Hızlı teslimat ve güler yüzlü destek, teşekkürler!", "Ürün kalitesi harika, herkese tavsiye ediyorum.",
            "Kurye çok nazikti, paketi kapıya kadar getirdi.", "Destek ekibi sorunumu ilk aramada çözdü.",
            "Sipariş ertesi gün elimdeydi, beklediğimden hızlı.", "Uygulama çok kolay, faturamı iki dakikada buldum.",
            "Kurulumda yardımcı olan arkadaş çok sabırlıydı.", "Fiyatına göre çok iyi bir hizmet, yine tercih ederim.",
            "İade süreci sorunsuzdu, paramı hemen aldım.", "Fast delivery and friendly support, thank you!",
        ],
        ["passive"] =
        [
            "Genel olarak memnunum ama fiyatlar biraz yüksek.", "Kargo geç geldi ama ürün iyi.",
            "Fatura kalemleri biraz karışık, açıklama olsa iyi olur.", "Destek yardımcı oldu ama cevap iki gün sürdü.",
            "Ürün iyi, ambalaj biraz özensizdi.", "Teslimat saati önceden bildirilse daha iyi olurdu.",
            "Uygulama işimi görüyor, bazı menüleri bulmak zor.", "Good product, but the invoice was confusing.",
        ],
        ["detractor"] =
        [
            "Faturada hata vardı ve kimse geri dönmedi.", "Teslimat iki hafta gecikti, çok kötü bir deneyim.",
            "Çağrı merkezinde 40 dakika bekledim, sonra hat kesildi.", "Kargo hasarlı geldi, değişim için hâlâ bekliyorum.",
            "İki kez ücret alındı, iadesi bir aydır yapılmadı.", "Kurulum randevusuna kimse gelmedi, haber de verilmedi.",
            "Aboneliğimi iptal etmek için üç kez aramam gerekti.", "The delivery was two weeks late and nobody called.",
        ],
    };

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (await mediator.Send(new FindDemoTenant(), cancellationToken) is not { } tenantId) return [];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ResponsesDbContext>();
        if (await db.Responses.AnyAsync(cancellationToken)) return ["Responses: the demo answers are in place (see /app/responses)."];

        var surveys = await mediator.Send(new ListSurveyInfos(), cancellationToken);
        var departments = await mediator.Send(new ListDepartmentInfos(), cancellationToken);
        if (surveys.Count == 0) return [];

        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var lines = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            var respondedAt = now.AddMinutes(-random.Next(1, 365 * 24 * 60));
            // Twelve months ago a third were detractors; now about a sixth are: the trend a department head hopes to see.
            var progress = 1 - (now - respondedAt).TotalDays / 365;
            var roll = random.NextDouble();
            var score = roll < 0.33 - 0.16 * progress ? random.Next(0, 7) : roll < 0.58 - 0.1 * progress ? random.Next(7, 9) : random.Next(9, 11);
            var category = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
            var row = new
            {
                surveyId = surveys[random.Next(surveys.Count)].Id,
                email = $"musteri{random.Next(1, 401):D3}@example.com",
                score,
                comment = random.NextDouble() < 0.33 ? Comments[category][random.Next(Comments[category].Length)] : null,
                createdAt = respondedAt,
                departmentId = departments.Count == 0 ? (Guid?)null : departments[random.Next(departments.Count)].Id,
                touchpoint = Touchpoints[random.Next(Touchpoints.Length)],
            };
            lines.AppendLine(JsonSerializer.Serialize(row));
        }

        using var body = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
        var result = await mediator.Send(new ImportResponses.Command(body, ImportResponses.Formats.JsonLines), cancellationToken);
        return [$"Responses: {result.Imported} answers over the last twelve months (see /app/responses)."];
    }
}
