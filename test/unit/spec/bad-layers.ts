/** Layers the layer-spec parser reports, each with what is wrong: shared by the two schema tests. */
export const BAD_LAYERS: readonly (readonly [what: string, layer: string])[] = [
  ['an unknown type', '{ "name": "x", "type": "conv" }'],
  ['a rate above 1', '{ "name": "x", "type": "relu", "spikeRate": 1.5 }'],
  ['a missing kernel', '{ "name": "x", "type": "conv2d", "outChannels": 3 }'],
  ['an unknown field', '{ "name": "x", "type": "relu", "kernel": 3 }'],
  ['a bad execution', '{ "name": "x", "type": "relu", "execution": "gpu" }'],
];
