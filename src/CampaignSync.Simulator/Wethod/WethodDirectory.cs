using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// The simulated CRM's data: contacts and clients by id, in id order (the list order the real API most plausibly
/// has; docs/wethod-crm-api.md: the docs leave it open). Thread-safe; records are immutable, so a read never sees a
/// half-made change. Tests and the demo change it directly or through the real write endpoints.
/// </summary>
public sealed class WethodDirectory(TimeProvider timeProvider)
{
    private static readonly string[] Towns = ["Milano", "Torino", "Roma", "Bologna", "Zürich", "Lyon"];
    private static readonly string[] Countries = ["Italy", "Italy", "Italy", "Italy", "Switzerland", "France"];
    private static readonly string[] FirstNames = ["Ada", "Bruno", "Chiara", "Dario", "Elena", "Fabio", "Giulia", "Luca"];
    private static readonly string[] LastNames = ["Rossi", "Bianchi", "Conti", "Ferrari", "Greco", "Marino", "Ricci"];

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, WethodSimContact> _contacts = [];
    private readonly SortedDictionary<long, WethodSimClient> _clients = [];
    private long _lastContactId;
    private long _lastClientId;

    public int ContactCount
    {
        get
        {
            lock (_lock)
            {
                return _contacts.Count;
            }
        }
    }

    /// <summary>Adds a client; its id and timestamps are assigned. Returns the stored client.</summary>
    public WethodSimClient AddClient(WethodSimClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var stored = client with { Id = ++_lastClientId, CreatedAt = now, UpdatedAt = now };
            _clients[stored.Id] = stored;
            return stored;
        }
    }

    /// <summary>Adds a contact; its id and timestamps are assigned. Returns the stored contact.</summary>
    public WethodSimContact AddContact(WethodSimContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var stored = contact with { Id = ++_lastContactId, CreatedAt = now, UpdatedAt = now };
            _contacts[stored.Id] = stored;
            return stored;
        }
    }

    /// <summary>Applies <paramref name="change"/> to a contact and moves its <c>updated_at</c>; null when there is no such contact.</summary>
    public WethodSimContact? UpdateContact(long id, Func<WethodSimContact, WethodSimContact> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (!_contacts.TryGetValue(id, out var current))
            {
                return null;
            }

            var stored = change(current) with { Id = id, CreatedAt = current.CreatedAt, UpdatedAt = timeProvider.GetUtcNow() };
            _contacts[id] = stored;
            return stored;
        }
    }

    /// <summary>Removes a contact for good (contacts have no soft delete, docs/wethod-crm-api.md).</summary>
    public bool RemoveContact(long id)
    {
        lock (_lock)
        {
            return _contacts.Remove(id);
        }
    }

    public WethodSimContact? FindContact(long id)
    {
        lock (_lock)
        {
            return _contacts.GetValueOrDefault(id);
        }
    }

    public WethodSimClient? FindClient(long id)
    {
        lock (_lock)
        {
            return _clients.GetValueOrDefault(id);
        }
    }

    /// <summary>Every contact, in id order.</summary>
    public IReadOnlyList<WethodSimContact> Contacts()
    {
        lock (_lock)
        {
            return [.. _contacts.Values];
        }
    }

    /// <summary>Every client, deleted ones included, in id order.</summary>
    public IReadOnlyList<WethodSimClient> Clients()
    {
        lock (_lock)
        {
            return [.. _clients.Values];
        }
    }

    /// <summary>
    /// Creates <paramref name="clients"/> clients and <paramref name="contacts"/> contacts, deterministically: e-mails
    /// in mixed case and phone numbers written in several ways (international, 00 prefix, national), all valid.
    /// </summary>
    public void Seed(int clients, int contacts)
    {
        for (var i = 0; i < clients; i++)
        {
            AddClient(new WethodSimClient
            {
                CorporateName = string.Create(CultureInfo.InvariantCulture, $"Client {i + 1:D3} S.p.A."),
                Acronym = string.Create(CultureInfo.InvariantCulture, $"C{i + 1:D3}"),
                Town = Towns[i % Towns.Length],
                Country = Countries[i % Countries.Length],
                Website = string.Create(CultureInfo.InvariantCulture, $"https://client{i + 1}.example.com"),
            });
        }

        var clientIds = Clients().Select(c => c.Id).ToArray();
        for (var i = 0; i < contacts; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[i % LastNames.Length];
            AddContact(new WethodSimContact
            {
                ClientId = clientIds.Length == 0 ? null : clientIds[i % clientIds.Length],
                Email = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{i + 1}@Example.COM"),
                Name = first,
                Surname = last,
                Role = i % 3 == 0 ? "Buyer" : "Manager",
                Telephone = SeedPhone(i),
            });
        }
    }

    // Italian mobile numbers (347 + seven digits), written the ways people type them.
    private static string SeedPhone(int i)
    {
        var digits = (1_000_000 + i).ToString("D7", CultureInfo.InvariantCulture);
        return (i % 3) switch
        {
            0 => $"+39 347 {digits}",
            1 => $"0039 347-{digits[..3]}-{digits[3..]}",
            _ => $"+39 (347) {digits}",
        };
    }
}
