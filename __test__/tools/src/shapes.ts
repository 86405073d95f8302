export interface Shape {
  kind: 'circle' | 'square'
  size: number
}

export function area(shape: Shape): number {
  return shape.kind === 'circle' ? Math.round(Math.PI * shape.size ** 2) : shape.size ** 2
}

const shapes: Shape[] = [
  { kind: 'circle', size: 2 },
  { kind: 'square', size: 3 },
]
console.log(shapes.map((shape) => `${shape.kind} ${area(shape)}`).join('\n'))
