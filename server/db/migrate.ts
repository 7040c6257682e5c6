import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as coreSchema from './migrations/202611280001_core_schema.ts';
import * as defaultConfiguration from './migrations/202611280002_default_configuration.ts';
import * as mailIntake from './migrations/202611280003_mail_intake.ts';
import * as postmasterFilters from './migrations/202611280004_postmaster_filters.ts';
import * as outboxAndAutoResponses from './migrations/202611280005_outbox_and_auto_responses.ts';
import * as mailAccounts from './migrations/202611280006_mail_accounts.ts';
import * as ticketEscalation from './migrations/202611280007_ticket_escalation.ts';
import * as templatesAndHandover from './migrations/202611280008_templates_and_handover.ts';
import * as agentPreferences from './migrations/202611280009_agent_preferences.ts';
import * as systemAddressQueue from './migrations/202611281000_system_address_queue.ts';
import * as customerPortal from './migrations/202612040001_customer_portal.ts';
import * as contactForm from './migrations/202612050101_contact_form.ts';
import * as faxGatewayFilter from './migrations/202612050102_fax_gateway_filter.ts';
import * as rawMailInlineContent from './migrations/202612060201_raw_mail_inline_content.ts';
import * as caseInsensitiveLookups from './migrations/202612070101_case_insensitive_lookups.ts';
import * as configurationGeneration from './migrations/202612080101_configuration_generation.ts';

/**
 * Every migration, in order. Listed here rather than read from the folder so that a
 * bundled or type-stripped build finds them too. A shipped migration is never edited.
 */
const migrations: Record<string, Migration> = {
  '202611280001_core_schema': coreSchema,
  '202611280002_default_configuration': defaultConfiguration,
  '202611280003_mail_intake': mailIntake,
  '202611280004_postmaster_filters': postmasterFilters,
  '202611280005_outbox_and_auto_responses': outboxAndAutoResponses,
  '202611280006_mail_accounts': mailAccounts,
  '202611280007_ticket_escalation': ticketEscalation,
  '202611280008_templates_and_handover': templatesAndHandover,
  '202611280009_agent_preferences': agentPreferences,
  '202611281000_system_address_queue': systemAddressQueue,
  '202612040001_customer_portal': customerPortal,
  '202612050101_contact_form': contactForm,
  '202612050102_fax_gateway_filter': faxGatewayFilter,
  '202612060201_raw_mail_inline_content': rawMailInlineContent,
  '202612070101_case_insensitive_lookups': caseInsensitiveLookups,
  '202612080101_configuration_generation': configurationGeneration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before and beyond today's types
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
