import { describe, expect, it } from 'vitest';
import { elapsedText } from './Stopwatch.js';
import { draftHours } from './WeekGrid.js';

const d = (patch: Partial<Parameters<typeof draftHours>[0]>) => ({
  Hours: '',
  Start: '',
  End: '',
  Break: '',
  Comment: '',
  ...patch,
});

describe('week grid cells', () => {
  it('reads typed hours, with a decimal comma too', () => {
    expect(draftHours(d({ Hours: '7.5' }), false)).toBe(7.5);
    expect(draftHours(d({ Hours: '1,25' }), false)).toBe(1.25);
    expect(draftHours(d({ Hours: ' ' }), false)).toBe(0);
    expect(draftHours(d({ Hours: 'abc' }), false)).toBeNaN();
  });
  it('computes start/end minus break', () => {
    expect(draftHours(d({ Start: '09:00', End: '17:30', Break: '0.5' }), true)).toBe(8);
    expect(draftHours(d({ Start: '09:00' }), true)).toBe(0);
    expect(draftHours(d({ Start: '10:00', End: '09:00' }), true)).toBe(0);
  });
});

describe('stopwatch', () => {
  it('shows h:mm:ss', () => {
    expect(elapsedText(0)).toBe('0:00:00');
    expect(elapsedText(3725.9)).toBe('1:02:05');
  });
});
