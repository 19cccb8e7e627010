namespace CampaignSync.Database;

/// <summary>What one <see cref="SchemaMigrator.Migrate"/> did: the scripts it applied and the group roles that do not exist.</summary>
internal sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> MissingRoles);
