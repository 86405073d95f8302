import { z } from 'zod'
const User = z.object({ name: z.string().min(2), age: z.number().int().positive(), tags: z.array(z.string()).default([]) })
console.log(JSON.stringify(User.parse({ name: 'ann', age: 3 })))
const bad = User.safeParse({ name: 'a', age: -1 })
console.log(bad.success, bad.error.issues.map((issue) => `${issue.path.join('.')}:${issue.code}`).join(','))
console.log(JSON.stringify(z.toJSONSchema(z.object({ id: z.uuid() }))))
const Coerce = z.coerce.number()
console.log(Coerce.parse('42') + 1)
