// The time-left estimate from measured progress, on a fake clock: work left / speed measured since the phase began.
import { describe, expect, it } from 'vitest';
import { TimeLeft } from '../../../src/node/sim-progress';
import { describeProgress } from '../../../src/node/simulate';

/** A run of 16 samples, T = 6: 16 calibration units, then 96 simulation units (112 in all). */
const TOTAL = 112;
const SIM = 96;

function clock() {
  let t = 0;
  return { now: () => t, at: (ms: number) => void (t = ms) };
}

describe('TimeLeft', () => {
  it('does not count loading: 4 of 16 calibration units in 200 ms leave 12 × 50 ms; it is measured from when calibration was first seen', () => {
    const c = clock();
    const eta = new TimeLeft(c.now);
    c.at(3000); // three seconds of loading before calibration is first seen
    expect(eta.estimate('calibration', 0, TOTAL, SIM)).toBeUndefined();
    c.at(3100);
    expect(eta.estimate('calibration', 0, TOTAL, SIM)).toBeUndefined(); // nothing finished yet
    c.at(3200);
    expect(eta.estimate('calibration', 4, TOTAL, SIM)).toBe(600);
    c.at(3400);
    expect(eta.estimate('calibration', 12, TOTAL, SIM)).toBeCloseTo((4 * 400) / 12, 9); // 12 units in 400 ms
  });

  it('measures the simulation on its own: 24 units in 100 ms leave (112 − 40) units at 100/24 ms', () => {
    const c = clock();
    const eta = new TimeLeft(c.now);
    c.at(500);
    eta.estimate('calibration', 0, TOTAL, SIM);
    c.at(1500);
    eta.estimate('calibration', 8, TOTAL, SIM);
    c.at(2000); // the simulation is first seen with calibration's 16 units done: its clock starts here
    expect(eta.estimate('simulation', 16, TOTAL, SIM)).toBeUndefined();
    c.at(2100);
    expect(eta.estimate('simulation', 40, TOTAL, SIM)).toBeCloseTo((72 * 100) / 24, 9);
    c.at(2400);
    expect(eta.estimate('simulation', 112, TOTAL, SIM)).toBe(0);
  });

  it('says which part the estimate covers', () => {
    const base = { sample: 0, samples: 16, batchSize: 16, timestep: 0, timesteps: 6, layer: 'conv1', threads: 2 };
    const cal = describeProgress({ ...base, phase: 'calibration', fraction: 0.05, etaMs: 600 });
    expect(cal).toBe('calibrating: sample 1/16, layer conv1 (2 threads), about 1 s left in calibration');
    const sim = describeProgress({ ...base, phase: 'simulation', timestep: 2, fraction: 0.4, etaMs: 3000 });
    expect(sim).toBe('simulating: sample 1/16, timestep 2/6, layer conv1 (2 threads), about 3 s left');
  });
});
