using System.Text.Json;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.UnitTests.Messaging;

public sealed class ControlCharacterTests
{
    public sealed record Line(string Text, [MultiLine] string? Note = null);

    public sealed record Order(string Name, IReadOnlyList<Line> Lines, JsonElement? Properties = null, string[]? Tags = null)
    {
        public string Shouted => Name.ToUpperInvariant() + "\n"; // computed: derived from Name, never checked on its own
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public void A_single_line_string_with_a_control_character_is_named_by_its_path(string name)
    {
        var found = ControlCharacters.FindFields(new Order(name, [new Line("ok")]));

        Assert.Equal([new ControlCharacters.Violation("Name", false)], found);
    }

    [Fact]
    public void A_multi_line_property_takes_line_breaks_and_tabs_but_not_nul()
    {
        Assert.Empty(ControlCharacters.FindFields(new Order("ok", [new Line("ok", "first line\r\n\tsecond line")])));

        var found = ControlCharacters.FindFields(new Order("ok", [new Line("ok"), new Line("ok", "a\u0000b")]));

        Assert.Equal([new ControlCharacters.Violation("Lines[1].Note", true)], found);
    }

    [Fact]
    public void Lists_nested_records_and_json_values_are_searched_too()
    {
        var properties = JsonSerializer.SerializeToElement(new { plan = "gold", city = "Izmir\nKonak" });

        var found = ControlCharacters.FindFields(new Order("ok", [new Line("a\u0001")], properties, ["fine", "bad\u001b"]));

        Assert.Equal(["Lines[0].Text", "Properties.city", "Tags[1]"], found.Select(f => f.Field));
    }

    [Fact]
    public void Ordinary_text_in_any_script_passes()
    {
        Assert.Empty(ControlCharacters.FindFields(new Order("Şişli Şubesi — İğdır 🚚", [new Line("Çağrı merkezi")])));
    }
}
