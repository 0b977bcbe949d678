import type { Migration } from 'kysely/migration';
import * as network from './20261128T0000_network';
import * as auth from './20261128T0100_auth';
import * as followup from './20261128T0150_followup';
import * as collab from './20261128T0200_collab';
import * as followupBoards from './20261128T0400_followup_boards';
import * as meeting from './20261128T0300_meeting';
import * as minutes from './20261128T0500_minutes';
import * as intake from './20261128T0600_intake';
import * as cases from './20261129T0700_cases';
import * as networkTerms from './20261129T0800_network_terms';
import * as snapshotStorage from './20261129T0900_snapshot_storage';
import * as meetingVersions from './20261206T1437_meeting_versions';
import * as caseTeamProposals from './20261206T1522_case_team_proposals';
import * as notifications from './20261206T1741_notifications';
import * as bodyReportQuarters from './20261206T1812_body_report_quarters';
import * as attendanceReasonGuests from './20261206T1900_attendance_reason_guests';
import * as calendarFeedVersions from './20261206T1910_calendar_feed_versions';
import * as actionUpdateRequestKey from './20261206T1920_action_update_request_key';
import * as personTitlePosition from './20261207T0300_person_title_position';
import * as minutesCirculation from './20261207T0330_minutes_circulation';

/**
 * Every migration, by its timestamped name. Listed statically so the same list
 * serves the bundled server, the scripts and the tests.
 */
export const migrations: Record<string, Migration> = {
	'20261128T0000_network': network,
	'20261128T0100_auth': auth,
	'20261128T0150_followup': followup,
	'20261128T0200_collab': collab,
	'20261128T0300_meeting': meeting,
	'20261128T0400_followup_boards': followupBoards,
	'20261128T0500_minutes': minutes,
	'20261128T0600_intake': intake,
	'20261129T0700_cases': cases,
	'20261129T0800_network_terms': networkTerms,
	'20261129T0900_snapshot_storage': snapshotStorage,
	'20261206T1437_meeting_versions': meetingVersions,
	'20261206T1522_case_team_proposals': caseTeamProposals,
	'20261206T1741_notifications': notifications,
	'20261206T1812_body_report_quarters': bodyReportQuarters,
	'20261206T1900_attendance_reason_guests': attendanceReasonGuests,
	'20261206T1910_calendar_feed_versions': calendarFeedVersions,
	'20261206T1920_action_update_request_key': actionUpdateRequestKey,
	'20261207T0300_person_title_position': personTitlePosition,
	'20261207T0330_minutes_circulation': minutesCirculation
};
