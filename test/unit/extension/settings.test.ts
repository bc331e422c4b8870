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

  it('activate only for layer specs, architecture files and ONNX models (never "*", never every JSON file)', () => {
    // opening a *.layers.json or *.arch.json activates through the extension's own languages: a
    // workspaceContains glob search alone can time out (VS Code gives up after 7 s), onStartupFinished
    // would activate in every window
    for (const e of pkg.activationEvents as string[])
      expect(e).toMatch(
        /^(onLanguage:snn-(layer-spec|architecture)|workspaceContains:\*\*\/\*\.(layers|arch)\.json|onCustomEditor:snnEnergy\.onnxModel|onFileSystem:snn-energy-onnx|onWebviewPanel:snnEnergy\.comparison)$/,
      );
    expect(pkg.activationEvents).toEqual(
      expect.arrayContaining(['onLanguage:snn-layer-spec', 'onLanguage:snn-architecture']),
    );
    expect(pkg.activationEvents).not.toContain('onStartupFinished');
  });

  it('give *.layers.json and *.arch.json languages of their own that the JSON language service serves', () => {
    const src = readFileSync(new URL('../../../src/extension/commands.ts', import.meta.url), 'utf8');
    const ids = Object.fromEntries(
      (pkg.contributes.languages as { id: string; extensions?: string[] }[]).map((l) => [l.id, l.extensions]),
    );
    expect(ids[/layerSpec: '([^']+)'/.exec(src)![1]]).toEqual(['.layers.json']);
    expect(ids[/architecture: '([^']+)'/.exec(src)![1]]).toEqual(['.arch.json']);
    // the JSON language service (schema completion, hover, syntax errors) takes part for both, comments
    // allowed as our parser allows them; it activates before us, as a dependency
    expect(pkg.contributes.jsonLanguageParticipants).toEqual([
      { languageId: 'snn-layer-spec', comments: true },
      { languageId: 'snn-architecture', comments: true },
    ]);
    expect(pkg.extensionDependencies).toEqual(['vscode.json-language-features']);
    for (const g of pkg.contributes.grammars as { language: string; path: string }[]) {
      const grammar = JSON.parse(readFileSync(new URL(`../../../${g.path}`, import.meta.url), 'utf8'));
      if (g.language.startsWith('snn-')) expect(grammar.patterns).toEqual([{ include: 'source.json.comments' }]);
    }
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
