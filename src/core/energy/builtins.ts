import memoryHierarchy from '../../../data/architectures/memory-hierarchy.arch.json';
import spatialDataflow from '../../../data/architectures/spatial-dataflow.arch.json';
import neuromorphic from '../../../data/architectures/neuromorphic.arch.json';
import type { Architecture, ArchitectureDocument } from './architecture';
import { architecturesOf } from './architecture';

/** The built-in architecture documents, in the order they are listed to users. */
export const BUILTIN_DOCUMENTS: readonly ArchitectureDocument[] = [
  memoryHierarchy as unknown as ArchitectureDocument,
  spatialDataflow as unknown as ArchitectureDocument,
  neuromorphic as unknown as ArchitectureDocument,
];

/** Every built-in architecture, variants included: memory-hierarchy, spatial-dataflow, neuromorphic, neuromorphic:… */
export const BUILTIN_ARCHITECTURES: readonly Architecture[] = BUILTIN_DOCUMENTS.flatMap(architecturesOf);

export function findBuiltin(id: string): Architecture | undefined {
  return BUILTIN_ARCHITECTURES.find((a) => a.id === id);
}
