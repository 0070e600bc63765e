using NpsCloud.BuildingBlocks.Messaging;
using System.Text.Json;
using System.Text.Json.Nodes;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.UnitTests.Surveys;

public sealed class SurveyRulesTests
{
    [Fact]
    public void Merge_patch_follows_rfc_7396_objects_merge_null_removes_others_replace()
    {
        // The examples of RFC 7396, section 3, that apply to objects.
        var target = JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"a":"z","c":{"f":null}}""")!.AsObject();

        var merged = JsonMergePatch.Merge(target, patch);

        Assert.Equal("z", merged["a"]!.GetValue<string>());
        Assert.Equal("e", merged["c"]!["d"]!.GetValue<string>());
        Assert.Null(merged["c"]!["f"]);
        Assert.Equal("[1]", JsonMergePatch.Merge(JsonNode.Parse("""{"a":{"b":"c"}}""")!.AsObject(), JsonNode.Parse("""{"a":[1]}""")!.AsObject())["a"]!.ToJsonString());
    }

    [Fact]
    public void Contact_properties_merge_and_a_null_value_removes_one()
    {
        var merged = ContactRules.Merge("""{"city":"Ankara","tier":"gold"}""", JsonSerializer.SerializeToElement(new { tier = "platinum", city = (string?)null, orders = 3 }));

        Assert.Equal("""{"tier":"platinum","orders":3}""", merged);
    }

    [Fact]
    public void The_throttle_window_counts_back_from_the_moment_and_zero_days_means_none()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var contact = new Contact { LastSurveyedAt = now.AddDays(-30).AddSeconds(1) };

        Assert.True(contact.SurveyedWithin(30, now));
        Assert.False(contact.SurveyedWithin(30, now.AddSeconds(1)));
        Assert.False(contact.SurveyedWithin(0, now));
        Assert.False(new Contact().SurveyedWithin(30, now));
    }

    [Fact]
    public void A_contact_is_suppressed_when_erased_unsubscribed_or_bounced_in_that_order()
    {
        var now = DateTimeOffset.UnixEpoch;
        Assert.Null(new Contact().Suppression);
        Assert.Equal("bounced", new Contact { BouncedAt = now }.Suppression);
        Assert.Equal("unsubscribed", new Contact { BouncedAt = now, UnsubscribedAt = now }.Suppression);
        var erased = new Contact { Email = "a@example.test", NormalizedEmail = "A@EXAMPLE.TEST", Name = "A", Properties = """{"x":1}""", UnsubscribedAt = now };
        erased.Erase(now);
        Assert.Equal("erased", erased.Suppression);
        Assert.Equal((null, null, null, "{}"), (erased.Email, erased.NormalizedEmail, erased.Name, erased.Properties));
    }
}
