import { m } from '$lib/paraglide/messages';

export const intakeKindLabel: Record<string, () => string> = {
	tip: m.report_kind_tip,
	complaint: m.report_kind_complaint,
	help_request: m.report_kind_help_request
};
export const intakeChannelLabel: Record<string, () => string> = {
	web: m.intake_channel_web,
	postal_box: m.intake_channel_postal_box,
	telephone: m.intake_channel_telephone,
	watchdog: m.intake_channel_watchdog,
	walk_in: m.intake_channel_walk_in
};
export const intakeStatusLabel: Record<string, () => string> = {
	new: m.intake_status_new,
	on_agenda: m.intake_status_on_agenda,
	dismissed: m.intake_status_dismissed,
	case_opened: m.intake_status_case_opened,
	referred: m.intake_status_referred
};
