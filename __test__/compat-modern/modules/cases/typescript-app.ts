// Node 22.18+/24 runs a .ts entry itself (type stripping); Node 20 cannot: SKIP there.
import { camelCase } from 'lodash-es'
interface Item { name: string; count: number }
const items: Item[] = [{ name: 'first-item', count: 2 }, { name: 'second-item', count: 3 }]
const total: number = items.reduce((sum: number, item: Item) => sum + item.count, 0)
console.log(items.map((item) => camelCase(item.name)).join(','), total)
