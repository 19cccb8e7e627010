using System.Globalization;
using CampaignSync.Crm;
using CampaignSync.Simulator;
using CampaignSync.Simulator.Wethod;

namespace CampaignSync.DevHost.Demo;

/// <summary>
/// What <c>demo --crm</c> adds: a Wethod simulator seeded with contacts, the Crm settings that map them onto the
/// Campaign simulator's contacts profile, and the CRM edits between the two nights it runs (a few changed
/// contacts, a few removed ones, a new one: under the 5% delete brake).
/// </summary>
internal static class CrmDemo
{
    /// <summary>The Wethod simulator with <paramref name="contacts"/> contacts over one client per 50 contacts.</summary>
    public static Task<WethodSimulatorHost> StartCrmAsync(int contacts, CancellationToken cancellationToken) =>
        WethodSimulatorHost.StartAsync(
            new WethodSimulatorOptions { SeedContacts = contacts, SeedClients = Math.Max(1, contacts / 50) }, cancellationToken: cancellationToken);

    /// <summary>The Campaign simulator's profile for the demo mapping: its default contacts attributes plus <c>company</c>.</summary>
    public static SimulatorOptions CampaignOptions() => new()
    {
        Profiles =
        [
            new SimulatedProfile
            {
                Name = DemoSeeder.Profile,
                Id = "1",
                Attributes = ["email", "first-name", "last-name", "phone", "city", "country", "company"],
            },
        ],
    };

    /// <summary>The Crm section for the simulator: key = e-mail, phone in E.164, the client's name, town and country.</summary>
    public static Dictionary<string, string?> Settings(WethodSimulatorHost wethod) => new()
    {
        ["Crm:BaseUrl"] = wethod.BaseAddress.ToString(),
        ["Crm:Token"] = wethod.Options.Token,
        ["Crm:Company"] = wethod.Options.Company,
        ["Crm:ProfileName"] = DemoSeeder.Profile,
        ["Crm:Attributes:email:Field"] = "email",
        ["Crm:Attributes:email:Normalize"] = nameof(ValueNormalization.Email),
        ["Crm:Attributes:first-name:Field"] = "name",
        ["Crm:Attributes:last-name:Field"] = "surname",
        ["Crm:Attributes:phone:Field"] = "telephone",
        ["Crm:Attributes:phone:Normalize"] = nameof(ValueNormalization.E164),
        ["Crm:Attributes:company:Field"] = "client.corporate_name",
        ["Crm:Attributes:city:Field"] = "client.town",
        ["Crm:Attributes:country:Field"] = "client.country",
    };

    /// <summary>A day in the CRM: every 50th contact renamed, every 100th removed, one contact added. Returns a description.</summary>
    public static string ChangeCrm(WethodDirectory directory)
    {
        var contacts = directory.Contacts();
        int edited = 0, removed = 0;
        foreach (var contact in contacts)
        {
            if (contact.Id % 100 == 0)
            {
                removed += directory.RemoveContact(contact.Id) ? 1 : 0;
            }
            else if (contact.Id % 50 == 0)
            {
                edited += directory.UpdateContact(contact.Id, c => c with { Surname = c.Surname + "-Neri" }) is null ? 0 : 1;
            }
        }

        directory.AddContact(new WethodSimContact
        {
            ClientId = directory.Clients()[0].Id, Email = "New.Contact@Example.com", Name = "Nora", Surname = "Nuova", Telephone = "+39 347 7654321",
        });
        return string.Create(CultureInfo.InvariantCulture, $"{edited:N0} contacts renamed, {removed:N0} removed, 1 added");
    }
}
