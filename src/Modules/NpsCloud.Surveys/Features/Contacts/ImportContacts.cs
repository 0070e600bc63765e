using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>
/// CSV import: a header row with an <c>email</c> column (and optionally <c>name</c> and <c>locale</c>: a
/// language other than en or tr becomes the company's, with a warning);
/// every other column becomes a property. Read as a stream and saved in batches; a bad row is reported
/// with its line and field and never stops the good ones (the reading is <see cref="ContactCsv"/>'s).
/// </summary>
internal static class ImportContacts
{
    public sealed record Command(Stream Csv) : IRequest<Result>, ITenantWrite, IManagersOnly;

    public sealed record RowError(int Line, string Field, string Message);

    /// <param name="Warnings">Rows imported with a change the file did not ask for: a language other than en or tr reads the company's.</param>
    public sealed record Result(int Created, int Updated, int Rejected, IReadOnlyList<RowError> Errors, IReadOnlyList<RowError> Warnings);

    public sealed class Handler(ContactCsv csv) : IRequestHandler<Command, Result>
    {
        public Task<Result> Handle(Command command, CancellationToken cancellationToken) => csv.ImportAsync(command.Csv, beforeSave: null, cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        // No Idempotency-Key: hashing the body would mean receiving the whole file before importing a row.
        // Importing the same file again updates the same contacts.
        group.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw new UnsupportedMediaTypeException("Send the file as text/csv.");
                }

                return Results.Ok(await mediator.Send(new ImportContacts.Command(request.Body), cancellationToken));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Import contacts from CSV (header row with email; name, locale; other columns become properties)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<string>("text/csv")
            .Produces<ImportContacts.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
