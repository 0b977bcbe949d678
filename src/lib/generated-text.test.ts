import { describe, expect, it } from 'vitest';
import { generated, shown } from './generated-text';

describe('texts the server writes for people', () => {
	it('are stored in Thai and shown in English to English readers', () => {
		expect(generated.conferenceTitle('DKT-2569-001')).toBe('ประชุมปรึกษารายกรณี DKT-2569-001');
		expect(shown(generated.conferenceTitle('DKT-2569-001'), 'en')).toBe('Case conference DKT-2569-001');
		expect(shown(generated.referralOfCase('DKT-2569-001'), 'en')).toBe('Referral of case DKT-2569-001');
		expect(shown(generated.referralOfIntake('R-2569-0001'), 'en')).toBe('Referral of report R-2569-0001');
		expect(shown(generated.referralWithReason('ต้องการที่พัก'), 'en')).toBe('Referral: ต้องการที่พัก');
		expect(shown(generated.referralReceived('รพ.ดอกคำใต้'), 'en')).toBe('Referral received from รพ.ดอกคำใต้');
	});

	it('reads titles stored before the intake report was renamed', () => {
		expect(shown('รับเรื่องส่งต่อจากการแจ้งเหตุ R-2569-0001', 'en')).toBe('Referral of report R-2569-0001');
	});

	it('leaves what people wrote, and Thai readers, as they are', () => {
		expect(shown('ประชุมปรึกษารายกรณีเมื่อมีเหตุ', 'en')).toBe('ประชุมปรึกษารายกรณีเมื่อมีเหตุ');
		expect(shown('Visit the family', 'en')).toBe('Visit the family');
		expect(shown(generated.conferenceTitle('X-1'), 'th')).toBe('ประชุมปรึกษารายกรณี X-1');
	});
});
