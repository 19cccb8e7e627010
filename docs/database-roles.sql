-- CampaignSync's database logins (issue 15): run once per cluster by a DBA (a superuser or a role with CREATEROLE),
-- then run `migrate` with the migrator's login, which creates the schemas, installs Hangfire's and grants the group
-- roles their privileges (migrations/0017_database_roles.sql, function campaign_sync.grant_role_privileges). `migrate`
-- grants again on every run, so run it again after any change here.
--
--   psql -v ON_ERROR_STOP=1 -v db=campaign_sync \
--        -v migrator_password="$MIGRATOR_PASSWORD" -v worker_password="$WORKER_PASSWORD" -v cli_password="$CLI_PASSWORD" \
--        -f docs/database-roles.sql
--
-- Who uses which login:
--   campaign_sync_migrator  ConnectionStrings__Migrator of `migrate` (the Helm hook: Secret key migrator-connection-string).
--                           Owns the database's objects; the only login that runs DDL or may change operator_action.
--   campaign_sync_worker    ConnectionStrings__Postgres of `run` (the Deployment): member of campaign_sync_runtime,
--                           DML on our tables and Hangfire's, no DDL, operator_action append-only.
--   campaign_sync_cli       ConnectionStrings__Postgres of an operator's retry, discard, abandon, enqueue and status:
--                           member of campaign_sync_operator, DML on our tables, nothing on Hangfire's.
--   writers (one per system) members of campaign_sync_writer: INSERT into the outbox, nothing else (migration 0006).

-- 1. The group roles. Migrations 0006 and 0012 create them when the migrator may create roles; skip those that exist.
create role campaign_sync_writer nologin;
create role campaign_sync_runtime nologin;
create role campaign_sync_operator nologin;

-- 2. One login per credential.
create role campaign_sync_migrator login password :'migrator_password';
create role campaign_sync_worker login password :'worker_password' in role campaign_sync_runtime;
create role campaign_sync_cli login password :'cli_password' in role campaign_sync_operator;
-- A writer, e.g.: create role crm_sync login password '...' in role campaign_sync_writer;

-- 3. The database, owned by the migrator. For a database a single login has migrated so far, that login owns every
--    object: keep it as the migrator instead of creating campaign_sync_migrator, and skip this step.
create database :"db" owner campaign_sync_migrator;

-- 4. Roles belong to the cluster, so a login of campaign_sync_runtime may reach every database of the cluster whose
--    objects were granted to it. Where one cluster holds several deployments, keep the others out:
revoke connect on database :"db" from public;
grant connect on database :"db" to campaign_sync_migrator, campaign_sync_worker, campaign_sync_cli, campaign_sync_writer;
