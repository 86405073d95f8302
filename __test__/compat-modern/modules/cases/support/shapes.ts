export interface Shape { kind: 'square' | 'circle'; size: number }
export type Area = number
export function area(shape: Shape): Area {
  return shape.kind === 'square' ? shape.size * shape.size : Math.round(Math.PI * shape.size * shape.size)
}
