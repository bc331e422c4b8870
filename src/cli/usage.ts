export const USAGE = `snn-energy: does your spiking neural network really save energy over its quantized twin?

Usage:
  snn-energy report <file…> [options]     per-layer energy report (QNN vs SNN) on each architecture
  snn-energy lint <file…> [options]       findings only, compiler-style; exit 1 on findings (CI)
  snn-energy simulate <model.onnx> [sim options]   measure spike rates with the built-in simulator

Files: *.layers.json (JSON layer specs) or *.onnx models.

Options (report, lint):
  --arch <id|file>        architecture, repeatable: memory-hierarchy, spatial-dataflow, neuromorphic,
                          neuromorphic:theoretical-minimum, neuromorphic:worst-case-sparse, or an *.arch.json
                          (default: every built-in)
  -T, --timesteps <T>     SNN timesteps (default: the model's, else 6)
  --weight-bits <w>       weight bits (default: the model's, else 8)
  --spike-rate <r>        spike rate for layers without one (default 0.1)
  --view <v>              per-layer (default) or network-mean (the paper's per-synapse view)
  --margin <m>            near-break-even margin as a share of s* (default 0.1)
  --measurements <file>   measured spike rates, JSON keyed by layer name
  --simulate              run the simulator first (ONNX) and use the measured rates (sim options apply)
  --input-shape <n=dims>  ONNX input shape, e.g. input=1x3x224x224 (repeatable)
  --dim <sym=n>           bind a symbolic ONNX dimension, e.g. batch=1 (repeatable); unbound ones are unknown
  --allow-incomplete      give the verdict on the accounted part of an incomplete model (share shown)
  -f, --format <f>        table (default), json, csv, markdown, sarif, netron
  --fail-on <level>       warning, error or never (default: warning for lint, error for report)
  -o, --output <file>     write the report to a file
  --max-text-mb <n>       refuse specs, architecture, measurement and JSON input files over n MB (default 16)
  --max-binary-mb <n>     refuse ONNX models, external data and .npy inputs over n MB (default 4096)

Simulator options (simulate, report --simulate):
  --input <x.npy|x.json>  inputs (float32 .npy N×C×H×W or N×F, or a JSON array)
  --random-inputs <N>     N seeded random inputs in [0, 1) (default 16 when no --input)
  --calibration <file>    calibration inputs for threshold balancing (default: the inputs)
  --threshold-percentile <p>  default 99.9 (100 = maximum)
  --v-init <a>            initial membrane potential as a share of the threshold (default 0.5)
  --encoding <e>          direct (default) or poisson
  --seed <s>              default 0
  --threads <N>           worker threads (default: every core, fewer if the memory budget says so)
  --memory-budget <MB>    refuse rather than use more memory than this (default: half the machine's)
  -f, --format <f>        table (default) or json

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage, unreadable input or an incomplete
model (a node that may carry compute is not costed: no verdict, one incomplete-model finding).
Docs: https://github.com/snn-energy-lint/snn-energy-lint#readme
`;
