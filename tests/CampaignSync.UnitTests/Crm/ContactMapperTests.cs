using System.Text.Json;
using CampaignSync.Crm;

namespace CampaignSync.UnitTests.Crm;

[Trait("Category", "Crm")]
public sealed class ContactMapperTests
{
    private static readonly WethodCompany Acme = new() { Id = 7, CorporateName = "Acme S.p.A.", Town = "Milano", Country = "Italy" };

    private static readonly WethodContact Ada = new()
    {
        Id = 1, ClientId = 7, Email = " Ada@Example.COM ", Name = "Ada", Surname = "Rossi", Telephone = "0039 347 123 4567", Notes = "VIP",
    };

    [Fact]
    public void Maps_the_key_and_every_attribute_normalised_with_the_company_joined()
    {
        var mapped = Mapper().Map(Ada, Acme)!;

        Assert.Equal((1L, "ada@example.com", 0), (mapped.ContactId, mapped.ProfileKey, mapped.InvalidValues));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["city"] = "Milano", ["company"] = "Acme S.p.A.", ["email"] = "ada@example.com", ["first-name"] = "Ada", ["phone"] = "+393471234567",
            },
            JsonSerializer.Deserialize<Dictionary<string, string>>(mapped.AttributesJson));
    }

    [Fact]
    public void Attributes_are_written_in_name_order_so_the_hash_is_stable()
    {
        var json = Mapper().Map(Ada, Acme)!.AttributesJson;

        Assert.StartsWith("{\"city\":", json, StringComparison.Ordinal);
        Assert.Equal(Mapper().Map(Ada, Acme)!.Hash, Mapper().Map(Ada with { }, Acme with { })!.Hash);
    }

    [Fact]
    public void Unmapped_fields_do_not_change_the_hash_and_mapped_ones_do()
    {
        var hash = Mapper().Map(Ada, Acme)!.Hash;

        Assert.Equal(hash, Mapper().Map(Ada with { Notes = "changed", Role = "CEO" }, Acme)!.Hash);
        Assert.NotEqual(hash, Mapper().Map(Ada with { Name = "Adele" }, Acme)!.Hash);
        Assert.NotEqual(hash, Mapper().Map(Ada, Acme with { Town = "Roma" })!.Hash);
        Assert.Equal(hash, Mapper().Map(Ada with { Email = "ADA@example.com" }, Acme)!.Hash);
    }

    [Fact]
    public void A_missing_or_invalid_key_maps_to_nothing()
    {
        Assert.Null(Mapper().Map(Ada with { Email = null }, Acme));
        Assert.Null(Mapper().Map(Ada with { Email = "   " }, Acme));
        Assert.Null(Mapper().Map(Ada with { Email = "ada at example" }, Acme));
    }

    [Fact]
    public void An_invalid_or_empty_value_is_sent_empty_and_only_the_invalid_one_is_counted()
    {
        var mapped = Mapper().Map(Ada with { Telephone = "call reception", Name = null }, company: null)!;

        var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(mapped.AttributesJson)!;
        Assert.Equal(("", "", "", ""), (attributes["phone"], attributes["first-name"], attributes["company"], attributes["city"]));
        Assert.Equal(1, mapped.InvalidValues);
    }

    [Fact]
    public void The_key_may_be_any_field_for_example_the_crm_id()
    {
        var options = Options();
        options.Key = new CrmFieldMapping { Field = "id" };

        Assert.Equal("1", new ContactMapper(Microsoft.Extensions.Options.Options.Create(options)).Map(Ada, Acme)!.ProfileKey);
    }

    [Fact]
    public void A_numeric_telephone_in_the_json_is_read_as_its_digits()
    {
        var contacts = JsonSerializer.Deserialize(
            """[{"id": 3, "telephone": 393471234567, "email": null, "unknown_field": {"x": 1}}, {"id": 4, "telephone": "347", "client_id": null}]""",
            WethodJsonContext.Default.ListWethodContact)!;

        Assert.Equal(("393471234567", "347"), (contacts[0].Telephone, contacts[1].Telephone));
        Assert.Equal("+393471234567", new PhoneNormalizer(null).Normalize("+" + contacts[0].Telephone));
    }

    private static ContactMapper Mapper() => new(Microsoft.Extensions.Options.Options.Create(Options()));

    private static CrmOptions Options() => new()
    {
        Attributes = new Dictionary<string, CrmFieldMapping>
        {
            ["phone"] = new() { Field = "telephone", Normalize = ValueNormalization.E164 },
            ["email"] = new() { Field = "email", Normalize = ValueNormalization.Email },
            ["first-name"] = new() { Field = "name" },
            ["company"] = new() { Field = "client.corporate_name" },
            ["city"] = new() { Field = "client.town" },
        },
    };
}
