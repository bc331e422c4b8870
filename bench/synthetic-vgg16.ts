// Writes a VGG-16 (224×224) ONNX model with the real byte layout whose weight payloads are holes:
// 553 MB apparent size, a few KiB on disk, in milliseconds. Proves large-file behaviour without PyTorch.
import { msg, node, str, sub, tensor, valueInfo, writeModel, type Msg } from './proto-writer';

export function synthesizeVgg16(path: string): number {
  const g = msg();
  const cfg = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
  let x = 'input';
  let c = 3;
  let i = 0;
  const inits: Msg[] = [];
  for (const v of cfg) {
    i++;
    if (v === 'M') {
      sub(
        g,
        1,
        node(
          'MaxPool',
          [x],
          [`pool${i}`],
          [
            ['kernel_shape', [2, 2]],
            ['strides', [2, 2]],
          ],
        ),
      );
      x = `pool${i}`;
      continue;
    }
    inits.push(tensor(`conv${i}.weight`, [v, c, 3, 3]), tensor(`conv${i}.bias`, [v]));
    sub(
      g,
      1,
      node(
        'Conv',
        [x, `conv${i}.weight`, `conv${i}.bias`],
        [`conv${i}`],
        [
          ['kernel_shape', [3, 3]],
          ['pads', [1, 1, 1, 1]],
        ],
      ),
    );
    sub(g, 1, node('Relu', [`conv${i}`], [`relu${i}`]));
    x = `relu${i}`;
    c = v;
  }
  sub(g, 1, node('Flatten', [x], ['flat'], [['axis', 1]]));
  x = 'flat';
  let f = 512 * 7 * 7;
  // the classifier sees 7×7 after AdaptiveAvgPool in torchvision; here the 224 input pools to 7×7 already
  for (const [k, out] of [
    [1, 4096],
    [2, 4096],
    [3, 1000],
  ] as const) {
    inits.push(tensor(`fc${k}.weight`, [out, f]), tensor(`fc${k}.bias`, [out]));
    sub(g, 1, node('Gemm', [x, `fc${k}.weight`, `fc${k}.bias`], [`fc${k}`], [['transB', 1]]));
    x = `fc${k}`;
    if (k < 3) {
      sub(g, 1, node('Relu', [x], [`fcrelu${k}`]));
      x = `fcrelu${k}`;
    }
    f = out;
  }
  str(g, 2, 'vgg16_synthetic');
  for (const t of inits) sub(g, 5, t);
  sub(g, 11, valueInfo('input', [1, 3, 224, 224]));
  sub(g, 12, valueInfo(x, [1, 1000]));
  return writeModel(path, g);
}
