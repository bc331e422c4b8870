/** The one rule for a model's name and the base of its report files: the file name without the model extension. */
const MODEL_EXTENSION = /\.layers\.json$|\.json$|\.onnx$/i;

/** `/a/b/vgg16.layers.json` → `vgg16`; `C:\m\resnet50.onnx` → `resnet50`. */
export function modelName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).replace(MODEL_EXTENSION, '');
}

/** The path without its model extension: `/a/vgg16.layers.json` → `/a/vgg16` (export file names add theirs). */
export function withoutModelExtension(path: string): string {
  return path.replace(MODEL_EXTENSION, '');
}
