/** Small DOM helpers over @vscode-elements: a labelled single-select, its options, click-or-key activation. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';

export function select(label: string, onChange: (value: string) => void): VscodeSingleSelect {
  const s = document.createElement('vscode-single-select');
  s.setAttribute('aria-label', label);
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

export function option(value: string, label: string, selected: boolean): HTMLElement {
  const o = document.createElement('vscode-option');
  o.value = value;
  o.textContent = label;
  if (selected) o.setAttribute('selected', '');
  return o;
}

/** Click, Enter or Space runs `f`: rows and list items act like buttons for the keyboard too. */
export function activate(e: HTMLElement, f: () => void): void {
  e.addEventListener('click', f);
  e.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      f();
    }
  });
}
