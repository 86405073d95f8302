import type { Shape, Area } from './support/shapes.ts'
import { area } from './support/shapes.ts'
import { sortBy } from 'lodash-es'
const shapes: Shape[] = [{ kind: 'circle', size: 2 }, { kind: 'square', size: 3 }]
const areas: Area[] = sortBy(shapes, 'size').map(area)
console.log(areas.join(','))
