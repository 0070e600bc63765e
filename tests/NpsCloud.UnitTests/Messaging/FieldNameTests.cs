using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.UnitTests.Messaging;

public sealed class FieldNameTests
{
    [Theory]
    [InlineData("CompanyName", "companyName")]
    [InlineData("Contacts[0].EmailAddress", "contacts[0].emailAddress")]
    [InlineData("score", "score")]
    [InlineData("", "")]
    public void Validation_errors_name_fields_as_the_json_body_spells_them(string property, string field) =>
        Assert.Equal(field, RequestValidationException.FieldName(property));
}
