/** Every command and view id the extension contributes (package.json contributes.commands agree; a test checks). */
export const enum Command {
  SelectArchitecture = 'snnEnergy.selectArchitecture',
  SaveArchitecture = 'snnEnergy.saveArchitecture',
  Simulate = 'snnEnergy.simulate',
  OpenComparison = 'snnEnergy.openComparison',
  OpenOnnxAsText = 'snnEnergy.openOnnxAsText',
  ExportReport = 'snnEnergy.exportReport',
  InsertRegularizer = 'snnEnergy.insertRegularizer',
  OpenExample = 'snnEnergy.openExample',
  ShowSimulationResults = 'snnEnergy.showSimulationResults',
}

export const VIEW = {
  onnxEditor: 'snnEnergy.onnxModel',
  comparisonPanel: 'snnEnergy.comparison',
} as const;

export const ONNX_TEXT_SCHEME = 'snn-energy-onnx';
export const DIAGNOSTIC_SOURCE = 'snn-energy';

/** The languages package.json contributes: `*.layers.json` and `*.arch.json` (JSON with comments). */
export const LANGUAGE = { layerSpec: 'snn-layer-spec', architecture: 'snn-architecture' } as const;
