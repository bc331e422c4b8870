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
