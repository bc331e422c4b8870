import type { FileLimit } from '../node/file-source';
import type { Settings } from './settings-schema';

/** The file size caps of the settings, named so a refusal says which setting raises them. */
export function textLimit(s: Settings): FileLimit {
  return { maxBytes: s['limits.maxTextFileMB'] * 2 ** 20, raiseWith: 'the setting snnEnergy.limits.maxTextFileMB' };
}

export function binaryLimit(s: Settings): FileLimit {
  return {
    maxBytes: s['limits.maxBinaryFileMB'] * 2 ** 20,
    raiseWith: 'the setting snnEnergy.limits.maxBinaryFileMB',
  };
}
