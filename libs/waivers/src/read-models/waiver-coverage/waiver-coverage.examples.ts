import type { Coverage, CoverageHistory } from '../../domain/waiver-coverage/waiver-coverage';

const sha = (digit: string) => `sha256:${digit.repeat(64)}`;
const CAP_200 = { amountMinor: 20_000, currency: 'USD' };

/** OpenAPI examples, typed as the answers so they cannot drift: DOMAIN's volunteer waiver, $200 cap. */
export const COVERAGE_EXAMPLE: Coverage & { participantId: string; at: string } = {
  participantId: 'walker-ana',
  at: '2025-03-04T11:05:00.000Z',
  covered: true,
  waiverId: 'w-ana-2',
  templateId: 'volunteer-courier',
  version: 2,
  cap: CAP_200,
  textHash: sha('2'),
};

export const TIMELINE_EXAMPLE: CoverageHistory & { participantId: string } = {
  participantId: 'walker-ana',
  intervals: [
    {
      from: '2025-01-10T09:00:00.000Z',
      until: '2025-03-01T00:00:00.000Z',
      waiverId: 'w-ana-1',
      templateId: 'volunteer-courier',
      version: 1,
      cap: CAP_200,
      textHash: sha('1'),
      endsBecause: 'superseded',
    },
    { from: '2025-03-01T00:00:00.000Z', until: '2025-06-20T16:30:00.000Z', waiverId: 'w-ana-2', templateId: 'volunteer-courier', version: 2, cap: CAP_200, textHash: sha('2'), endsBecause: 'revoked' },
  ],
  gaps: [{ from: '2025-06-20T16:30:00.000Z', until: null, reason: 'revoked', waiverId: 'w-ana-2' }],
};
