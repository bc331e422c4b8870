import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  externalDataOpener,
  openFileSource,
  readRegularFile,
  readRegularFileSync,
  type FileLimit,
} from '../../../src/node/file-source';
import { csvText, escapeMarkdown, plainName, stripControl } from '../../../src/core/report/sanitize';
import { csvField, markdownTable } from '../../../src/core/report/text-table';

const tmp = mkdtempSync(join(tmpdir(), 'snn-files-'));
const LIMIT: FileLimit = { maxBytes: 100, raiseWith: '--max-x' };
const fifo = (name: string) => (spawnSync('mkfifo', [join(tmp, name)]), join(tmp, name));

describe('regular files only, within the limit', () => {
  it('a FIFO is refused by every reader without blocking (no writer ever opens it)', async () => {
    const p = fifo('f.onnx');
    const msg = 'a FIFO (named pipe), not a regular file: refused';
    expect(() => openFileSource(p, LIMIT)).toThrow(msg);
    expect(() => readRegularFileSync(p, LIMIT)).toThrow(msg);
    await expect(readRegularFile(p, LIMIT)).rejects.toThrow(msg);
  });

  it('/dev/zero and a directory are refused', async () => {
    await expect(readRegularFile('/dev/zero', LIMIT)).rejects.toThrow('a character device, not a regular file');
    expect(() => openFileSource(tmp, LIMIT)).toThrow('a directory, not a regular file');
  });

  it('a file over the limit is refused with the size, the limit and how to raise it', async () => {
    const p = join(tmp, 'big.json');
    writeFileSync(p, 'x'.repeat(2000));
    await expect(readRegularFile(p, LIMIT)).rejects.toThrow(
      '0.002 MB is over the 0.000 MB limit: refused (raise it with --max-x)',
    );
    writeFileSync(p, 'x'.repeat(100));
    expect(new TextDecoder().decode(await readRegularFile(p, LIMIT))).toBe('x'.repeat(100));
  });

  it('external data that is a FIFO inside the model folder is an error, not a blocked read', () => {
    writeFileSync(join(tmp, 'm.onnx'), '');
    fifo('w.bin');
    expect(externalDataOpener(join(tmp, 'm.onnx'), LIMIT)('w.bin')).toEqual({
      error: 'external data w.bin: a FIFO (named pipe), not a regular file: refused',
    });
  });
});

describe('neutralising names in outputs', () => {
  it('terminal text loses ESC, other C0/C1 controls and bidi overrides, keeps tabs and newlines', () => {
    expect(stripControl('a\u001b[31mb\u009bc\u202ed\te\nf\rg')).toBe('a?[31mb?c?d\te\nf?g');
  });

  it('CSV: OWASP prefixes, and numbers stay numbers', () => {
    for (const s of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvText(s)).toBe(`'${s}`);
    expect(csvText('conv1')).toBe('conv1');
    expect(csvField('=cmd|x')).toBe("'=cmd|x");
    expect(csvField('-2,3')).toBe(`"'-2,3"`);
    expect(csvField(-2)).toBe('-2');
  });

  it('Markdown: no newline, link, image, HTML or table cell escapes', () => {
    expect(escapeMarkdown('a\n# h [l](u) ![i](v) <b> | `c`')).toBe(
      'a # h \\[l\\](u) \\!\\[i\\](v) \\<b\\> \\| \\`c\\`',
    );
    expect(markdownTable(['h'], [['x\n## y [l](u) | z']])).toBe('| h |\n| :-- |\n| x ## y \\[l\\](u) \\| z |');
  });

  it('notifications: no link, no control, bounded', () => {
    expect(plainName('[click](command:evil)\u001b')).toBe('[click] (command:evil)?');
    expect(plainName('x'.repeat(300))).toHaveLength(201);
  });
});
