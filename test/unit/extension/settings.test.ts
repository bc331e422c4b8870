import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings, SETTINGS, SETTING_KEYS } from '../../../src/extension/settings-schema';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const declared = pkg.contributes.configuration.properties as Record<
  string,
  { default: unknown; enum?: string[]; minimum?: number; maximum?: number }
>;

describe('settings: package.json and the typed reader agree', () => {
  it('on the keys', () => {
    expect(Object.keys(declared).sort()).toEqual(SETTING_KEYS.map((k) => `snnEnergy.${k}`).sort());
  });

  it('on every default, which the reader also accepts', () => {
    for (const k of SETTING_KEYS) {
      expect(declared[`snnEnergy.${k}`].default, k).toEqual(SETTINGS[k].default);
      expect((SETTINGS[k].valid as (v: unknown) => boolean)(declared[`snnEnergy.${k}`].default), k).toBe(true);
    }
  });

  it('on enums and bounds', () => {
    for (const k of SETTING_KEYS) {
      const d = declared[`snnEnergy.${k}`];
      const valid = SETTINGS[k].valid as (v: unknown) => boolean;
      for (const e of d.enum ?? []) expect(valid(e), `${k}=${e}`).toBe(true);
      // the architecture list is open: a custom architecture's id is valid too
      if (d.enum) expect(valid('nope'), k).toBe(k === 'architecture');
      if (d.minimum !== undefined) expect(valid(d.minimum - 1), `${k} below minimum`).toBe(false);
      if (d.maximum !== undefined) expect(valid(d.maximum + 1), `${k} above maximum`).toBe(false);
    }
  });

  it('replaces an invalid value by the default and names it', () => {
    const { settings, invalid } = readSettings((k) => ({ defaultSpikeRate: 3, view: 'network-mean' })[k]);
    expect(settings.defaultSpikeRate).toBe(0.1);
    expect(settings.view).toBe('network-mean');
    expect(invalid).toEqual(['snnEnergy.defaultSpikeRate']);
  });
});

describe('package.json contributions', () => {
  it('declare every command the extension registers, under the "SNN Energy" category', () => {
    const src = readFileSync(new URL('../../../src/extension/commands.ts', import.meta.url), 'utf8');
    const ids = [...src.matchAll(/= '(snnEnergy\.\w+)'/g)].map((m) => m[1]);
    const contributed = pkg.contributes.commands.map((c: { command: string; category: string }) => {
      expect(c.category).toBe('SNN Energy');
      return c.command;
    });
    for (const c of contributed) expect(ids).toContain(c);
  });

  it('activate on what the extension handles, and after start-up (never "*", never on every JSON file)', () => {
    // VS Code gives up on a workspaceContains glob search after 7 s without activating (seen in code-server
    // on a loaded machine): onStartupFinished, after the window is up, makes activation certain.
    for (const e of pkg.activationEvents as string[])
      expect(e).toMatch(
        /^(workspaceContains:\*\*\/\*\.(layers|arch)\.json|onCustomEditor:snnEnergy\.onnxModel|onFileSystem:snn-energy-onnx|onWebviewPanel:snnEnergy\.comparison|onStartupFinished)$/,
      );
    expect(pkg.activationEvents).toContain('onStartupFinished');
    expect(pkg.activationEvents).not.toContain('onLanguage:json');
  });

  it('declare the ONNX custom editor, the text-view language and the rule docs link base', () => {
    const src = readFileSync(new URL('../../../src/extension/commands.ts', import.meta.url), 'utf8');
    expect(pkg.contributes.customEditors[0].viewType).toBe(/onnxEditor: '([^']+)'/.exec(src)![1]);
    expect(pkg.contributes.languages.map((l: { id: string }) => l.id)).toContain('onnx-text');
    expect(pkg.repository.url).toBe('https://github.com/snn-energy-lint/snn-energy-lint');
  });

  it('allow VS Code 1.100 and pin @types/vscode to 1.100.x', () => {
    expect(pkg.engines.vscode).toBe('^1.100.0');
    expect(pkg.devDependencies['@types/vscode']).toMatch(/^~1\.100\./);
  });

  it('list every built-in architecture in the architecture dropdown, each with a description, in setting order', () => {
    const arch = declared['snnEnergy.architecture'] as unknown as { enum: string[]; enumDescriptions: string[] };
    expect([...arch.enum].sort()).toEqual(BUILTIN_ARCHITECTURES.map((a) => a.id).sort());
    expect(arch.enumDescriptions).toHaveLength(arch.enum.length);
    const orders = Object.values(declared).map((d) => (d as { order?: number }).order);
    expect(orders.every((o) => typeof o === 'number')).toBe(true);
    expect(new Set(orders).size).toBe(orders.length);
    for (const [k, d] of Object.entries(declared))
      expect((d as unknown as { markdownDescription: string }).markdownDescription.length, k).toBeGreaterThan(40);
  });
});
