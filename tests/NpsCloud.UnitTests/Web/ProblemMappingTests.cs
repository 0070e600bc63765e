using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.UnitTests.Web;

public sealed class ProblemMappingTests
{
    [Fact]
    public void Bad_input_is_a_400_with_errors_per_field()
    {
        var problem = ProblemExceptionHandler.ToProblem(new RequestValidationException("email", "Enter a valid email address."));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Equal(["Enter a valid email address."], validation.Errors["email"]);
    }

    [Fact]
    public void Malformed_json_is_a_400_naming_the_json_path()
    {
        var json = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Sample>("""{"score": "ten"}""", JsonSerializerOptions.Web));

        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemExceptionHandler.ToProblem(new BadHttpRequestException("bad", json)));

        Assert.Equal(400, problem.Status);
        Assert.Contains("score", problem.Errors.Keys);
    }

    [Fact]
    public void Refusals_keep_their_status()
    {
        Assert.Equal(404, ProblemExceptionHandler.ToProblem(new NotFoundException("Survey")).Status);
        Assert.Equal(409, ProblemExceptionHandler.ToProblem(new ConflictException("A department with that name exists.")).Status);
    }

    [Fact]
    public void Anything_unexpected_is_a_500_that_reveals_nothing()
    {
        var problem = ProblemExceptionHandler.ToProblem(new InvalidOperationException("connection string Password=secret"));

        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail ?? "");
        Assert.DoesNotContain("secret", problem.Title ?? "");
    }

    private sealed record Sample(int Score);
}
